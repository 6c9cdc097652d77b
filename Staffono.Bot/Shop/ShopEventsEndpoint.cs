using System.Text.Json;
using Staffono.Bot.Endpoints;
using Staffono.Bot.Hosting;
using Staffono.Dialogs.Support;
using Staffono.Skills.Analytics;
using Staffono.Skills.Shop;

namespace Staffono.Bot.Shop;

/// <summary>
/// <c>POST /api/events</c>: how a shop keeps the bot current. The body is one event
/// <c>{"id", "type", "data"}</c> signed with HMAC-SHA256 over the raw body in <c>X-Staffono-Signature:
/// sha256=&lt;hex&gt;</c>. Types: order.created and order.updated (data: the order), job.completed (data: deposit), shipment.scanned (data:
/// orderNumber, at, location, text, delivered), refund.completed (data: rma, at). A bad signature is 401, a
/// malformed event 400 with the reason, and an event id seen before is acknowledged without a second effect.
/// </summary>
public static class ShopEventsEndpoint
{
    public const string SignatureHeader = "X-Staffono-Signature";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public static IEndpointRouteBuilder MapShopEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/events", HandleAsync);
        return endpoints;
    }

    /// <summary>The signature a body must carry: "sha256=" and the lower-case hex HMAC.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) => WebhookSignature.Sign(secret, body);

    private static async Task<IResult> HandleAsync(HttpContext http, ShopEventsSecret secret, IOrderStore orders, IReturnStore returns, IOutcomeLog outcomes, TimeProvider time, CancellationToken ct)
    {
        var body = await RequestBody.ReadAsync(http.Request, ct);
        if (body is null)
        {
            return RequestBody.TooLarge();
        }

        // The signature first: nothing about an unsigned body is looked at, not even whether it is JSON.
        var presented = http.Request.Headers[SignatureHeader].ToString();
        if (!WebhookSignature.Matches(presented, secret.Value, body))
        {
            return RequestBody.Problem(StatusCodes.Status401Unauthorized, "Bad signature", $"Sign the raw body with HMAC-SHA256 and the shop's events secret, and send it as {SignatureHeader}: sha256=<hex>.");
        }

        ShopEvent? shopEvent;
        try
        {
            shopEvent = JsonSerializer.Deserialize<ShopEvent>(body, Json);
        }
        catch (JsonException ex)
        {
            return Malformed($"the body is not a valid event: {ex.Message}");
        }

        if (shopEvent is not { Id: { Length: > 0 } id, Type: { Length: > 0 } type } || shopEvent.Data.ValueKind != JsonValueKind.Object)
        {
            return Malformed("an event needs an id, a type and a data object.");
        }

        var now = time.GetUtcNow();
        Func<IOrderWriter, Task> apply;
        ReturnRecord? refunded = null;
        DateTimeOffset? refundedAt = null;
        string? completedJob = null;
        string? problem;
        switch (type)
        {
            case "order.created" or "order.updated":
                var order = Read<Order>(shopEvent.Data, out problem);
                problem ??= order is null ? "data is not an order." : CheckOrder(order);
                apply = writer => writer.SaveAsync(order!);
                break;
            case "shipment.scanned":
                var scan = Read<ScanData>(shopEvent.Data, out problem);
                problem ??= scan is null || string.IsNullOrWhiteSpace(scan.OrderNumber) || scan.At is null || string.IsNullOrWhiteSpace(scan.Text)
                    ? "a scan needs orderNumber, at and text."
                    : null;
                apply = async writer =>
                {
                    var existing = await writer.FindAsync(scan!.OrderNumber!) ?? throw new UnknownOrderException(scan.OrderNumber!);
                    var scans = existing.Scans.Append(new CarrierScan(scan.At!.Value, scan.Location ?? string.Empty, scan.Text!)).OrderBy(s => s.At).ToList();
                    await writer.SaveAsync(existing with
                    {
                        Scans = scans,
                        Status = scan.Delivered ? OrderStatus.Delivered : existing.Status == OrderStatus.Processing ? OrderStatus.Shipped : existing.Status,
                        ShippedAt = existing.ShippedAt ?? scan.At,
                        DeliveredAt = scan.Delivered ? scan.At : existing.DeliveredAt,
                    });
                };
                break;
            case "refund.completed":
                var refund = Read<RefundData>(shopEvent.Data, out problem);
                problem ??= refund is null || string.IsNullOrWhiteSpace(refund.Rma) ? "a refund needs the rma it completes." : null;
                if (problem is null)
                {
                    refunded = await returns.FindAsync(refund!.Rma!, ct);
                    refundedAt = refund.At;
                    if (refunded is null)
                    {
                        return RequestBody.Problem(StatusCodes.Status422UnprocessableEntity, "Unknown reference", $"There is no return {refund.Rma} here.");
                    }
                }

                // Returns live in their own store (and write): the event is recorded here, the refund marked just after, once.
                apply = _ => Task.CompletedTask;
                break;
            case "job.completed":
                // A crew's app says a paid job is done: the rating question goes now rather than two hours after its planned end.
                var job = Read<JobData>(shopEvent.Data, out problem);
                problem ??= job is null || string.IsNullOrWhiteSpace(job.Deposit) ? "a job needs the deposit it was paid with." : null;
                if (problem is null)
                {
                    completedJob = job!.Deposit;
                    if (http.RequestServices.GetService<Staffono.Skills.Payments.IDepositStore>() is not { } deposits
                        || await deposits.FindAsync(completedJob!, ct) is not { State: Staffono.Skills.Payments.DepositState.Paid, BookingId: not null })
                    {
                        return RequestBody.Problem(StatusCodes.Status422UnprocessableEntity, "Unknown reference", $"There is no paid, booked job with deposit {completedJob} here.");
                    }
                }

                apply = _ => Task.CompletedTask;
                break;
            default:
                return Malformed($"unknown event type '{type}'; expected order.created, order.updated, shipment.scanned, refund.completed or job.completed.");
        }

        if (problem is not null)
        {
            return Malformed(problem);
        }

        bool applied;
        try
        {
            applied = await orders.ApplyOnceAsync(id, now, apply, ct);
        }
        catch (UnknownOrderException ex)
        {
            // Nothing was recorded: the shop can send the order first and this event again.
            return RequestBody.Problem(StatusCodes.Status422UnprocessableEntity, "Unknown reference", $"There is no {ex.Reference} here yet; send it first, then this event again.");
        }

        if (applied && refunded is { RefundedAt: null } && await returns.MarkRefundedAsync(refunded.Rma, refundedAt ?? now, ct) is { RefundedAt: { } at })
        {
            // Refund cycle time, RMA to money back: a KPI of the returns workflow, in the conversation the return was made in.
            await outcomes.RecordAsync(new OutcomeEvent(refunded.ConversationKey, ReturnsWorkflow.WorkflowName, "refund_completed", 0, now), $"{refunded.Rma}; {(long)(at - refunded.CreatedAt).TotalSeconds} s", ct);
        }

        if (applied && completedJob is not null)
        {
            await http.RequestServices.GetRequiredService<Staffono.Dialogs.Leads.DepositPayments>().JobCompletedAsync(completedJob, ct);
        }

        // A replay is acknowledged (so the shop stops retrying) and says it changed nothing.
        return Results.Json(new { id, applied });
    }

    private static IResult Malformed(string reason) => RequestBody.Problem(StatusCodes.Status400BadRequest, "Malformed event", reason);

    private static T? Read<T>(JsonElement data, out string? problem)
    {
        try
        {
            problem = null;
            return data.Deserialize<T>(Json);
        }
        catch (JsonException ex)
        {
            problem = "data: " + ex.Message;
            return default;
        }
    }

    private static string? CheckOrder(Order order) =>
        string.IsNullOrWhiteSpace(order.Number) ? "the order has no number."
        : order.Items is not { Count: > 0 } || order.Items.Any(i => string.IsNullOrWhiteSpace(i.Sku) || i.Quantity < 1 || i.UnitPrice < 0) ? "every item needs a sku, a quantity of at least 1 and a price."
        : string.IsNullOrWhiteSpace(order.Phone) && string.IsNullOrWhiteSpace(order.Email) ? "the order needs a phone or an e-mail: the customer proves who they are with it."
        : order.Status == OrderStatus.Delivered && order.DeliveredAt is null ? "a delivered order needs deliveredAt."
        : null;

    private sealed record ShopEvent(string? Id, string? Type, JsonElement Data);

    private sealed record ScanData(string? OrderNumber, DateTimeOffset? At, string? Location, string? Text, bool Delivered);

    private sealed record RefundData(string? Rma, DateTimeOffset? At);

    private sealed record JobData(string? Deposit);

    private sealed class UnknownOrderException(string reference) : Exception("unknown " + reference)
    {
        public string Reference { get; } = reference;
    }
}

/// <summary>The events secret: configured (Shop:EventsSecret) or generated into the data folder.</summary>
public sealed record ShopEventsSecret(string Value, string? File);
