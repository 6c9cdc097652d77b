using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Operators;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Shop;

/// <summary>
/// The shop through the real host: with one-time codes switched on by a setting, the code for an order goes to
/// the embedded mailbox, the operator console shows it (behind the key), and typing it opens the order; the
/// console's support report then counts the conversation, and lists a question nobody could answer.
/// </summary>
public sealed class SupportConsoleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static Task<string> SayAsync(RunningHost host, string conversation, string text) => host.SayAsync(conversation, text);

    private static async Task<JsonElement> ConsoleAsync(RunningHost host, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "operator/api/" + path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await host.Client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : JsonSerializer.SerializeToElement(new { status = (int)response.StatusCode });
    }

    [Fact]
    public async Task A_code_sent_to_the_mailbox_is_shown_in_the_console_and_opens_the_order_and_the_report_counts_it()
    {
        var clock = new ManualTimeProvider(Now);
        await using var host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(clock), "--Outbox:Dispatch=false", "--Shop:OneTimeCode=true");
        var key = host.Services.GetRequiredService<OperatorKey>().Value;

        Assert.Contains("type the phone number or e-mail", await SayAsync(host, "c1", "where is my order 10232?"), StringComparison.Ordinal);
        Assert.Contains("I've sent a 6-digit code to a***@example.com", await SayAsync(host, "c1", "ANNA@example.com"), StringComparison.Ordinal);

        Assert.Equal(401, (await ConsoleAsync(host, "mailbox", null)).GetProperty("status").GetInt32());
        var message = (await ConsoleAsync(host, "mailbox", key)).GetProperty("messages").EnumerateArray().Single();
        Assert.Equal("anna@example.com", message.GetProperty("to").GetString());
        var code = Regex.Match(message.GetProperty("body").GetString()!, @"\b\d{6}\b").Value;

        var status = await SayAsync(host, "c1", code);
        Assert.Contains("Order 10232 is on its way", status, StringComparison.Ordinal);
        Assert.Contains("https://track.example.com/CDK10232", status, StringComparison.Ordinal);
        Assert.Contains("Glad I could help", await SayAsync(host, "c1", "yes"), StringComparison.Ordinal);

        Assert.Contains("I don't have a reliable answer", await SayAsync(host, "c2", "do you sell wigs made from natural hair?"), StringComparison.Ordinal);
        await SayAsync(host, "c2", "no");

        var report = await ConsoleAsync(host, "support", key);
        var orders = report.GetProperty("workflows").GetProperty("order_status");
        Assert.Equal((1, 1, 1.0), (orders.GetProperty("started").GetInt32(), orders.GetProperty("resolved").GetInt32(), orders.GetProperty("resolvedShare").GetDouble()));
        Assert.Equal(1.0, report.GetProperty("contactsPerOrder").GetDouble());
        var unanswered = report.GetProperty("unanswered").EnumerateArray().Single();
        Assert.Equal("do you sell wigs made from natural hair?", unanswered.GetProperty("question").GetString());
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_never_opens_the_order()
    {
        var clock = new ManualTimeProvider(Now);
        await using var host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(clock), "--Outbox:Dispatch=false", "--Shop:OneTimeCode=true");
        var key = host.Services.GetRequiredService<OperatorKey>().Value;
        await SayAsync(host, "c3", "where is my order 10232?");
        await SayAsync(host, "c3", "+7 916 123-45-67");
        var code = Regex.Match((await ConsoleAsync(host, "mailbox", key)).GetProperty("messages")[0].GetProperty("body").GetString()!, @"\b\d{6}\b").Value;
        var wrong = code == "111111" ? "222222" : "111111";

        var answer = await SayAsync(host, "c3", wrong);

        Assert.Contains("That code didn't match", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("10232 is on its way", answer, StringComparison.Ordinal);
        Assert.Contains("***45-67", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shop_with_its_own_order_numbers_is_understood_by_the_order_workflows()
    {
        await using var host = await RunningHost.StartAsync("--Outbox:Dispatch=false", "--Shop:DemoOrders=false", @"--Understanding:OrderNumberPattern=\bSH\d{4}\b");
        await host.Services.GetRequiredService<Staffono.Skills.Shop.IOrderStore>().SaveAsync(new Staffono.Skills.Shop.Order
        {
            Number = "SH1234", Email = "anna@example.com", Items = [new("robe", "M", 1, 3900)], PaymentMethod = "card", ShippingMethod = "courier",
            PlacedAt = Now, Status = Staffono.Skills.Shop.OrderStatus.Processing,
        });

        Assert.Contains("order SH1234", await SayAsync(host, "c4", "where is my order sh1234?"), StringComparison.Ordinal);
        Assert.Contains("Order SH1234 is being packed", await SayAsync(host, "c4", "anna@example.com"), StringComparison.Ordinal);
    }
}
