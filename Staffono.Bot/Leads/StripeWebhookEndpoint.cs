using System.Net;
using System.Text;
using Staffono.Bot.Endpoints;
using Staffono.Dialogs.Leads;
using Staffono.Skills.Payments;
using StripeCheckoutSession = Stripe.Checkout.Session;
using StripeEvent = Stripe.Event;
using StripeEventUtility = Stripe.EventUtility;
using StripeException = Stripe.StripeException;

namespace Staffono.Bot.Leads;

/// <summary>
/// <c>POST /api/payments/stripe</c>: Stripe's webhook, checked with Stripe's own signature check
/// (<c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, the endpoint's whsec_ secret, five
/// minutes' tolerance by the host's clock). A paid <c>checkout.session.completed</c> (or
/// <c>checkout.session.async_payment_succeeded</c>) settles the deposit named by the session's client reference, once
/// whatever the number of deliveries. A bad signature is 400 and changes nothing; anything signed is acknowledged with
/// 200, even an event for no deposit of ours, because Stripe retries anything else for days. Also the two plain pages
/// Checkout sends the customer back to: <c>/pay/done</c> and <c>/pay/cancelled</c>.
/// </summary>
public static class StripeWebhookEndpoint
{
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>How far the signature's timestamp may be from the host's clock, in seconds (Stripe's default).</summary>
    public const long ToleranceSeconds = 300;

    public const string CompletedType = "checkout.session.completed";
    public const string AsyncSucceededType = "checkout.session.async_payment_succeeded";

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/payments/stripe", HandleAsync);
        endpoints.MapGet("/pay/done", DoneAsync);
        endpoints.MapGet("/pay/cancelled", CancelledAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, PaymentsOptions payments, TimeProvider time, CancellationToken ct)
    {
        var stripe = payments.Stripe;
        var depositPayments = http.RequestServices.GetService<DepositPayments>();
        if (!stripe.Enabled || string.IsNullOrWhiteSpace(stripe.WebhookSecret) || depositPayments is null)
        {
            return RequestBody.Problem(StatusCodes.Status404NotFound, "Stripe is not configured", "This host takes no Stripe payments: set Payments:Stripe:SecretKey and Payments:Stripe:WebhookSecret.");
        }

        var body = await RequestBody.ReadAsync(http.Request, ct);
        if (body is null)
        {
            return RequestBody.TooLarge();
        }

        var signature = http.Request.Headers[SignatureHeader].ToString();
        if (string.IsNullOrWhiteSpace(signature))
        {
            return BadSignature();
        }

        var json = Encoding.UTF8.GetString(body);
        StripeEvent? stripeEvent;
        try
        {
            // Stripe's check, with "now" from the host's clock; an event of another API version is still read (we use
            // only the fields every version has), so a dashboard upgrade does not stop payments.
            stripeEvent = StripeEventUtility.ConstructEvent(json, signature, stripe.WebhookSecret.Trim(), ToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return BadSignature();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Signed, but not an event Stripe.net can read (malformed JSON, a thin event, a bad timestamp field).
            return Malformed("the signed body is not a Stripe event: " + ex.Message);
        }

        if (stripeEvent is not { Id: { Length: > 0 } eventId, Type: { Length: > 0 } type })
        {
            return Malformed("an event needs an id and a type.");
        }

        if (type is not (CompletedType or AsyncSucceededType))
        {
            return Results.Json(new { ignored = type });
        }

        var session = ReadSession(stripeEvent);
        if (session is null)
        {
            return Malformed("a checkout session event needs data.object.");
        }

        if (session.PaymentStatus != "paid")
        {
            // Paid later (a bank transfer): async_payment_succeeded will follow and settle it then.
            return Results.Json(new { ignored = type, reason = "payment_status " + (session.PaymentStatus ?? "missing") });
        }

        var depositId = session.DepositId;
        if (string.IsNullOrWhiteSpace(depositId))
        {
            // A checkout of some other integration on the same Stripe account: not ours, and nothing to retry.
            return Results.Json(new { applied = false, reason = "no deposit reference" });
        }

        var outcome = await depositPayments.CompleteAsync(depositId, eventId, ct);
        return outcome switch
        {
            PaymentOutcome.Applied => Results.Json(new { applied = true }),
            PaymentOutcome.UnknownDeposit => Results.Json(new { applied = false, reason = "unknown deposit" }),
            _ => Results.Json(new { applied = false }),
        };
    }

    /// <summary>The session's payment status and our deposit id (the client reference, else the metadata), as Stripe.net read them.</summary>
    private static SessionFields? ReadSession(StripeEvent stripeEvent) =>
        stripeEvent.Data?.Object is StripeCheckoutSession session
            ? new SessionFields(session.PaymentStatus, Reference(session.ClientReferenceId, session.Metadata is { } m && m.TryGetValue("deposit", out var d) ? d : null))
            : null;

    private static string? Reference(string? clientReferenceId, string? metadata) =>
        !string.IsNullOrWhiteSpace(clientReferenceId) ? clientReferenceId.Trim() : metadata?.Trim();

    private static IResult BadSignature() => RequestBody.Problem(
        StatusCodes.Status400BadRequest,
        "Bad signature",
        $"The {SignatureHeader} header does not match the body with this endpoint's signing secret, or its timestamp is more than {ToleranceSeconds} s from now.");

    private static IResult Malformed(string reason) => RequestBody.Problem(StatusCodes.Status400BadRequest, "Malformed event", reason);

    private static async Task<IResult> DoneAsync(HttpContext http, string? deposit, CancellationToken ct)
    {
        var found = await FindAsync(http, deposit, ct);
        if (found is { State: DepositState.Paid })
        {
            return Page(HttpStatusCode.OK, "Оплачено / Paid", $"""
                <h1 class="done" id="paid">{Ru(found, "Оплачено", "Paid")}</h1>
                <p>{Ru(found, "Вернитесь в чат — там подтверждение и время уборки.", "Go back to the chat for the confirmation and the time of the job.")}</p>
                """);
        }

        // Checkout sends the customer here at once; Stripe's webhook may come a moment later.
        return Page(HttpStatusCode.OK, "Оплата принята / Payment received", """
            <h1 class="done" id="received">Оплата принята / Payment received</h1>
            <p>Вернитесь в чат: подтверждение придёт туда, как только Stripe его пришлёт. / Go back to the chat: the confirmation comes there as soon as Stripe sends it.</p>
            """);
    }

    private static async Task<IResult> CancelledAsync(HttpContext http, string? deposit, CancellationToken ct)
    {
        var found = await FindAsync(http, deposit, ct);
        return Page(HttpStatusCode.OK, "Оплата отменена / Payment cancelled", $"""
            <h1 id="cancelled">{(found is null ? "Оплата отменена / Payment cancelled" : Ru(found, "Оплата отменена", "Payment cancelled"))}</h1>
            <p>{(found is null ? "Деньги не списаны. Вернитесь в чат. / No money was taken. Go back to the chat." : Ru(found, "Деньги не списаны. Вернитесь в чат, если захотите выбрать другое время или оплатить позже.", "No money was taken. Go back to the chat to pick another time or to pay later."))}</p>
            """);
    }

    private static async Task<Deposit?> FindAsync(HttpContext http, string? deposit, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(deposit) || http.RequestServices.GetService<IDepositStore>() is not { } deposits
            ? null
            : await deposits.FindAsync(deposit, ct);

    private static string Ru(Deposit deposit, string ru, string en) => WebUtility.HtmlEncode(deposit.Language == "ru" ? ru : en);

    private static IResult Page(HttpStatusCode status, string title, string body) => PaymentPages.Render(status, title, body);

    private sealed record SessionFields(string? PaymentStatus, string? DepositId);
}
