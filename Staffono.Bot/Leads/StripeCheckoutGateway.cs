using Staffono.Skills.Payments;
using StripeCheckout = Stripe.Checkout;
using StripeClient = Stripe.StripeClient;
using StripeRequestOptions = Stripe.RequestOptions;

namespace Staffono.Bot.Leads;

/// <summary>
/// Stripe Checkout: each deposit opens a hosted payment page for one line, the deposit, with our deposit id as the
/// session's client reference (and in its metadata). The payment is confirmed to us only by Stripe's signed
/// <c>checkout.session.completed</c> webhook (<see cref="StripeWebhookEndpoint"/>), never by the customer coming back.
/// </summary>
public sealed class StripeCheckoutGateway(StripeOptions options, Func<Uri> baseUrl) : IPaymentGateway
{
    /// <summary>Currencies Stripe counts in whole units (no cents): their amounts are sent as they are.</summary>
    private static readonly HashSet<string> ZeroDecimalCurrencies = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    private readonly StripeCheckout.SessionService _sessions = new(CreateClient(options));

    public string Name => "stripe";

    public async Task<CheckoutSession> StartAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var currency = request.Currency.Trim().ToLowerInvariant();
        var create = new StripeCheckout.SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.Id,
            Metadata = new Dictionary<string, string> { ["deposit"] = request.Id },
            Locale = request.Language is "ru" or "en" ? request.Language : "auto",
            LineItems =
            [
                new StripeCheckout.SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new StripeCheckout.SessionLineItemPriceDataOptions
                    {
                        Currency = currency,
                        UnitAmount = MinorUnits(request.Amount, currency),
                        ProductData = new StripeCheckout.SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
            SuccessUrl = Page("pay/done", request.Id),
            CancelUrl = Page("pay/cancelled", request.Id),
        };

        // The deposit id is the idempotency key: a create retried (by us or by Stripe.net) opens one session, not two.
        var session = await _sessions.CreateAsync(create, new StripeRequestOptions { IdempotencyKey = request.Id }, cancellationToken);
        if (string.IsNullOrEmpty(session.Url))
        {
            throw new InvalidOperationException($"Stripe opened checkout session {session.Id} for deposit {request.Id} without a URL.");
        }

        return new CheckoutSession(session.Id, new Uri(session.Url));
    }

    /// <summary>The amount in the currency's smallest unit (kopecks, cents), as Stripe counts it.</summary>
    public static long MinorUnits(decimal amount, string currency) =>
        (long)Math.Round(ZeroDecimalCurrencies.Contains(currency) ? amount : amount * 100m, MidpointRounding.AwayFromZero);

    /// <summary>A client with the secret key, on Stripe's API or, when configured, another base (a test double).</summary>
    private static StripeClient CreateClient(StripeOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.SecretKey))
        {
            throw new ArgumentException("Stripe Checkout needs Payments:Stripe:SecretKey.", nameof(settings));
        }

        var apiBase = string.IsNullOrWhiteSpace(settings.ApiBase) ? null : settings.ApiBase.Trim().TrimEnd('/');
        return new StripeClient(apiKey: settings.SecretKey.Trim(), apiBase: apiBase);
    }

    private string Page(string path, string depositId) =>
        new Uri(baseUrl(), path + "?deposit=" + Uri.EscapeDataString(depositId)).AbsoluteUri;
}
