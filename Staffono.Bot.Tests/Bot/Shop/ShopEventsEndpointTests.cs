using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Shop;
using Staffono.Dialogs.Support;
using Staffono.Skills.Analytics;
using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Shop;

/// <summary>
/// The shop's signed events against the real host: an unsigned or wrongly signed body changes nothing (401), a
/// malformed event is a 400 with the reason, a replayed event id is acknowledged with no second effect, and
/// each event type does what it says (an order appears, a scan moves it, a refund closes the return's cycle).
/// </summary>
public sealed class ShopEventsEndpointTests
{
    private const string Secret = "test-events-secret-0123456789";

    private static async Task<RunningHost> StartAsync() =>
        await RunningHost.StartAsync($"--Shop:EventsSecret={Secret}", "--Shop:DemoOrders=false");

    private static HttpRequestMessage Signed(string body, string? secret = Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add(ShopEventsEndpoint.SignatureHeader, ShopEventsEndpoint.Sign(secret, Encoding.UTF8.GetBytes(body)));
        }

        return request;
    }

    private static string OrderEvent(string id, string number, string status = "shipped") => JsonSerializer.Serialize(new
    {
        id,
        type = "order.created",
        data = new
        {
            number,
            phone = "+7 916 000-00-01",
            items = new[] { new { sku = "robe", variant = "M", quantity = 1, unitPrice = 3900 } },
            paymentMethod = "card",
            shippingMethod = "courier",
            placedAt = "2026-12-01T10:00:00Z",
            status,
            shippedAt = "2026-12-02T09:00:00Z",
        },
    });

    [Fact]
    public async Task A_signed_order_event_adds_the_order_and_a_replay_of_it_changes_nothing()
    {
        await using var host = await StartAsync();
        var orders = host.Services.GetRequiredService<IOrderStore>();

        using var first = await host.Client.SendAsync(Signed(OrderEvent("evt-1", "a-50001")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applied").GetBoolean());
        var saved = await orders.FindAsync("A-50001");
        Assert.NotNull(saved);
        Assert.Equal(OrderStatus.Shipped, saved.Status);

        // The shop changes the order by hand meanwhile; the same event delivered again must not undo that.
        await orders.SaveAsync(saved with { Status = OrderStatus.Delivered, DeliveredAt = DateTimeOffset.Parse("2026-12-03T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture) });
        using var replay = await host.Client.SendAsync(Signed(OrderEvent("evt-1", "a-50001")));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.False((await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applied").GetBoolean());
        Assert.Equal(OrderStatus.Delivered, (await orders.FindAsync("A-50001"))!.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("another-secret-of-the-same-length!")]
    public async Task An_unsigned_or_wrongly_signed_event_is_refused_and_changes_nothing(string? secret)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.SendAsync(Signed(OrderEvent("evt-2", "50002"), secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Staffono-Signature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await host.Services.GetRequiredService<IOrderStore>().FindAsync("50002"));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        await using var host = await StartAsync();
        var body = OrderEvent("evt-3", "50003");
        using var request = Signed(body);
        request.Content = new StringContent(body.Replace("50003", "50004", StringComparison.Ordinal), Encoding.UTF8, "application/json");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "not a valid event")]
    [InlineData("{\"id\":\"e\",\"type\":\"order.created\"}", "needs an id, a type and a data object")]
    [InlineData("{\"id\":\"e\",\"type\":\"order.deleted\",\"data\":{}}", "unknown event type 'order.deleted'")]
    [InlineData("{\"id\":\"e\",\"type\":\"order.created\",\"data\":{\"number\":\"1\",\"items\":[],\"paymentMethod\":\"card\",\"shippingMethod\":\"courier\",\"placedAt\":\"2026-12-01T10:00:00Z\",\"status\":\"processing\",\"phone\":\"1\"}}", "every item needs a sku")]
    [InlineData("{\"id\":\"e\",\"type\":\"order.created\",\"data\":{\"number\":\"1\",\"items\":[{\"sku\":\"robe\",\"quantity\":1,\"unitPrice\":1}],\"paymentMethod\":\"card\",\"shippingMethod\":\"courier\",\"placedAt\":\"2026-12-01T10:00:00Z\",\"status\":\"processing\"}}", "needs a phone or an e-mail")]
    [InlineData("{\"id\":\"e\",\"type\":\"order.created\",\"data\":{\"number\":\"1\",\"items\":[{\"sku\":\"robe\",\"quantity\":1,\"unitPrice\":1}],\"paymentMethod\":\"card\",\"shippingMethod\":\"courier\",\"placedAt\":\"2026-12-01T10:00:00Z\",\"status\":\"lost\",\"phone\":\"1\"}}", "data:")]
    [InlineData("{\"id\":\"e\",\"type\":\"shipment.scanned\",\"data\":{\"orderNumber\":\"1\"}}", "a scan needs orderNumber, at and text")]
    [InlineData("{\"id\":\"e\",\"type\":\"refund.completed\",\"data\":{}}", "a refund needs the rma")]
    public async Task A_malformed_event_is_a_400_with_the_reason_and_uses_up_no_event_id(string body, string reason)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.SendAsync(Signed(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The event id was not used up: the corrected event is still applied.
        using var corrected = await host.Client.SendAsync(Signed(OrderEvent("e", "50005")));
        Assert.True((await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applied").GetBoolean());
    }

    [Fact]
    public async Task A_scan_moves_the_order_and_one_for_an_unknown_order_is_refused_without_using_up_its_id()
    {
        await using var host = await StartAsync();
        var scan = JsonSerializer.Serialize(new { id = "scan-1", type = "shipment.scanned", data = new { orderNumber = "50006", at = "2026-12-03T08:00:00Z", location = "Москва", text = "Вручён получателю", delivered = true } });

        using var early = await host.Client.SendAsync(Signed(scan));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);

        using var order = await host.Client.SendAsync(Signed(OrderEvent("evt-6", "50006")));
        using var late = await host.Client.SendAsync(Signed(scan));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var saved = (await host.Services.GetRequiredService<IOrderStore>().FindAsync("50006"))!;
        Assert.Equal(OrderStatus.Delivered, saved.Status);
        Assert.Equal("Вручён получателю", saved.LastScan!.Text);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), saved.DeliveredAt);
    }

    [Fact]
    public async Task A_completed_refund_marks_the_return_once_and_records_the_refund_cycle_in_the_returns_conversation()
    {
        await using var host = await StartAsync();
        var returns = host.Services.GetRequiredService<IReturnStore>();
        var created = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var rma = await returns.CreateAsync(new ReturnRecord
        {
            Rma = string.Empty, OrderNumber = "50007", Sku = "robe", Reason = ReturnReason.WrongSize, Condition = ItemCondition.Unopened,
            Resolution = Resolution.Refund, Amount = 3900, ContactKeys = ["phone:9160000001"], ConversationKey = "webchat/refund-test", CreatedAt = created,
        });
        var body = JsonSerializer.Serialize(new { id = "refund-1", type = "refund.completed", data = new { rma = rma.Rma.ToLowerInvariant(), at = "2026-12-03T10:00:00Z" } });

        using var first = await host.Client.SendAsync(Signed(body));
        using var again = await host.Client.SendAsync(Signed(body.Replace("refund-1", "refund-2", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created.AddDays(2), (await returns.FindAsync(rma.Rma))!.RefundedAt);
        var events = await host.Services.GetRequiredService<IOutcomeLog>().ReadAsync("webchat/refund-test");
        var cycle = Assert.Single(events);
        Assert.Equal((ReturnsWorkflow.WorkflowName, "refund_completed"), (cycle.Event.Workflow, cycle.Event.Kind));
        Assert.Equal($"{rma.Rma}; 172800 s", cycle.Detail);

        using var unknown = await host.Client.SendAsync(Signed(body.Replace(rma.Rma.ToLowerInvariant(), "RMA-99999", StringComparison.Ordinal).Replace("refund-1", "refund-3", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_secret_one_is_generated_into_the_data_folder_and_signs_events()
    {
        await using var host = await RunningHost.StartAsync("--Shop:DemoOrders=false");
        var secret = (await File.ReadAllTextAsync(Path.Combine(host.DataFolder, ShopHostingExtensions.SecretFileName))).Trim();

        using var response = await host.Client.SendAsync(Signed(OrderEvent("evt-8", "50008"), secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(host.DataFolder, ShopHostingExtensions.SecretFileName)));
        }
    }
}
