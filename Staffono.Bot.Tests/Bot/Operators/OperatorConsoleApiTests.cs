using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Operators;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Handoff;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Operators;

/// <summary>The console's API at the HTTP edge: the key, the operator's name, and clear answers for what cannot be done.</summary>
public sealed class OperatorConsoleApiTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 11, 5, 0, TimeSpan.Zero));
    private RunningHost _host = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");
        _key = _host.Services.GetRequiredService<OperatorKey>().Value;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_key_is_generated_into_the_data_folder_once_and_kept_across_restarts()
    {
        var file = Path.Combine(_host.DataFolder, OperatorKey.FileName);

        Assert.Equal(_key, File.ReadAllText(file).Trim());
        Assert.True(_key.Length >= 32);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(_key, OperatorKey.Load(null, _host.DataFolder).Value);
        Assert.Equal("configured-operator-key-0001", OperatorKey.Load("configured-operator-key-0001", _host.DataFolder).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer wrong-key-wrong-key-wrong-key")]
    [InlineData("Basic b3BlcmF0b3I6a2V5")]
    public async Task Without_the_operator_key_the_console_s_api_answers_401_and_does_nothing(string? authorization)
    {
        await OpenTicketAsync();

        foreach (var (method, path) in new[] { ("GET", "operator/api/tickets"), ("GET", "operator/api/tickets/H-1"), ("POST", "operator/api/tickets/H-1/claim"), ("POST", "operator/api/tickets/H-1/close") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            request.Headers.Add(OperatorConsoleEndpoints.NameHeader, "Mallory");
            using var response = await _host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("operator key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HandoffState.Waiting, (await Store.FindAsync("H-1"))!.State);
        // The page itself holds nothing and is served to anyone; it is never framed.
        using var page = await _host.Client.GetAsync("operator");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_action_without_the_operator_s_name_is_400_and_the_name_is_what_the_audit_records()
    {
        await OpenTicketAsync();

        using var anonymous = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/claim", name: null);
        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.Contains(OperatorConsoleEndpoints.NameHeader, await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var claimed = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/claim", name: Uri.EscapeDataString("Анна Петрова"));
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var detail = await claimed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("claimed", "Анна Петрова"), (detail.GetProperty("state").GetString(), detail.GetProperty("claimedBy").GetString()));
        Assert.Contains(detail.GetProperty("audit").EnumerateArray(), a => a.GetProperty("actor").GetString() == "Анна Петрова" && a.GetProperty("action").GetString() == "claimed");
    }

    [Fact]
    public async Task What_cannot_be_done_now_is_a_4xx_with_the_reason()
    {
        await OpenTicketAsync();

        using var notClaimed = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/reply", "Boris", new { text = "Здравствуйте" });
        Assert.Equal((HttpStatusCode.Conflict, "Сначала возьмите заявку H-1, потом отвечайте."), (notClaimed.StatusCode, await DetailAsync(notClaimed)));

        using var claimed = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/claim", "Anna");
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        using var taken = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/claim", "Boris");
        Assert.Equal((HttpStatusCode.Conflict, "Заявку H-1 уже взял(а) Anna."), (taken.StatusCode, await DetailAsync(taken)));

        using var empty = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/reply", "Anna", new { text = "   " });
        Assert.Equal((HttpStatusCode.BadRequest, "Пустой ответ не отправлен."), (empty.StatusCode, await DetailAsync(empty)));

        using var notJson = new HttpRequestMessage(HttpMethod.Post, "operator/api/tickets/H-1/reply") { Content = new StringContent("{text:", System.Text.Encoding.UTF8, "application/json") };
        notJson.Headers.Authorization = new("Bearer", _key);
        notJson.Headers.Add(OperatorConsoleEndpoints.NameHeader, "Anna");
        using var broken = await _host.Client.SendAsync(notJson);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        // This customer wrote through the Emulator, answered only in HTTP responses: nothing can reach them later.
        using var undelivered = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/reply", "Anna", new { text = "Здравствуйте" });
        Assert.Equal(HttpStatusCode.Conflict, undelivered.StatusCode);
        Assert.StartsWith("Ответ по заявке H-1 не доставлен", await DetailAsync(undelivered), StringComparison.Ordinal);
        Assert.DoesNotContain((await Store.FindAsync("H-1"))!.Transcript, l => l.Operator is not null);
        Assert.Contains(await Store.AuditAsync("H-1"), a => a.Action == "customer_unreachable");

        using var unknown = await SendAsync(HttpMethod.Get, "operator/api/tickets/H-404", "Anna");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        (await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/close", "Anna")).Dispose();
        using var closedTwice = await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/return", "Anna");
        Assert.Equal((HttpStatusCode.Conflict, "Заявка H-1 уже закрыта."), (closedTwice.StatusCode, await DetailAsync(closedTwice)));
        Assert.Equal(HandoffState.Closed, (await Store.FindAsync("H-1"))!.State);
    }

    [Fact]
    public async Task The_list_shows_open_tickets_first_with_overdue_and_unread_and_keeps_finished_ones_for_a_day()
    {
        await OpenTicketAsync("webchat-a");
        await OpenTicketAsync("webchat-b");
        (await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/claim", "Anna")).Dispose();
        (await SendAsync(HttpMethod.Post, "operator/api/tickets/H-1/close", "Anna")).Dispose();
        await CustomerSaysAsync("webchat-b", "алло?");
        _clock.Advance(TimeSpan.FromMinutes(11));

        var list = (await (await SendAsync(HttpMethod.Get, "operator/api/tickets", "Anna")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tickets");
        Assert.Equal([("H-2", "waiting", true, 2), ("H-1", "closed", false, 0)], list.EnumerateArray().Select(t => (t.GetProperty("id").GetString(), t.GetProperty("state").GetString(), t.GetProperty("overdue").GetBoolean(), t.GetProperty("unread").GetInt32())));
        Assert.Equal(("human", "просьба позвать человека"), (list[0].GetProperty("workflow").GetString(), list[0].GetProperty("workflowName").GetString()));

        _clock.Advance(OperatorConsoleEndpoints.RecentlyFinished);
        list = (await (await SendAsync(HttpMethod.Get, "operator/api/tickets", "Anna")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tickets");
        Assert.Equal(["H-2"], list.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    private IHandoffStore Store => _host.Services.GetRequiredService<IHandoffStore>();

    private Task OpenTicketAsync(string conversation = "webchat-a") => CustomerSaysAsync(conversation, "позовите оператора");

    /// <summary>A customer on the connector path, answering in the HTTP response (expectReplies), as the Emulator can.</summary>
    private async Task CustomerSaysAsync(string conversation, string text)
    {
        using var response = await _host.Client.PostAsJsonAsync("api/messages", new
        {
            type = "message", channelId = "emulator", deliveryMode = "expectReplies", locale = "ru-RU",
            from = new { id = "user-" + conversation }, recipient = new { id = "bot" }, conversation = new { id = conversation }, text,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? name, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", _key);
        if (name is not null)
        {
            request.Headers.Add(OperatorConsoleEndpoints.NameHeader, name);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _host.Client.SendAsync(request);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}
