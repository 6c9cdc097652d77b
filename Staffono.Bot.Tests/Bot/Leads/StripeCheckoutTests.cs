using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Leads;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Leads;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Staffono.Skills.Payments;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Leads;

/// <summary>
/// Stripe Checkout end to end, with a loopback stand-in for Stripe's API: the gateway opens one session per deposit
/// (our id as its reference and idempotency key, the amount in kopecks), and the webhook, checked with Stripe's own
/// signature check against the host's clock, pays the deposit and books the job once however often the event comes. A
/// forged or stale signature is a 400 that changes nothing.
/// </summary>
public sealed class StripeCheckoutTests
{
    private const string SecretKey = "sk_test_staffono_0001";
    private const string WebhookSecret = "whsec_test";
    private const string ConversationReference = """{"channelId":"webchat","serviceUrl":"http://localhost/","conversation":{"id":"c1"},"bot":{"id":"bot"},"user":{"id":"u1"}}""";

    // Tuesday 2026-11-24, 10:30 in Moscow.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));

    private static readonly Customer Payer = new("webchat/u1", null, null);

    /// <summary>Friday of the same week, 10:00–14:00 Moscow time, for the line's first crew.</summary>
    private static readonly Slot JobSlot = new("cleaning", "crew_1", "on_site", new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Unspecified), new DateTime(2026, 11, 27, 14, 0, 0, DateTimeKind.Unspecified));

    [Fact]
    public async Task The_gateway_opens_one_checkout_session_for_the_deposit_on_stripe_s_api()
    {
        await using var stripe = await FakeStripeAsync();
        var gateway = new StripeCheckoutGateway(new StripeOptions { SecretKey = SecretKey, ApiBase = stripe.BaseUri.ToString() }, () => new Uri("https://bot.example/base/"));

        var session = await gateway.StartAsync(new PaymentRequest("D-0000000001", 1000m, "RUB", "Депозит за уборку 27 ноября", "ru"));

        Assert.Equal("stripe", gateway.Name);
        Assert.Equal("cs_test_1", session.ProviderId);
        Assert.Equal(new Uri("https://checkout.example/cs_test_1"), session.Url);
        var request = Assert.Single(stripe.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/checkout/sessions", request.RawTarget);
        Assert.Equal("Bearer " + SecretKey, request.Authorization);
        Assert.Equal("D-0000000001", request.Headers["Idempotency-Key"]);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.OrdinalIgnoreCase);
        var form = Form(request.Body);
        Assert.Equal("payment", form["mode"]);
        Assert.Equal("D-0000000001", form["client_reference_id"]);
        Assert.Equal("D-0000000001", form["metadata[deposit]"]);
        Assert.Equal("1", form["line_items[0][quantity]"]);
        Assert.Equal("rub", form["line_items[0][price_data][currency]"]);
        Assert.Equal("100000", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("Депозит за уборку 27 ноября", form["line_items[0][price_data][product_data][name]"]);
        Assert.Equal("ru", form["locale"]);
        Assert.Equal("https://bot.example/base/pay/done?deposit=D-0000000001", form["success_url"]);
        Assert.Equal("https://bot.example/base/pay/cancelled?deposit=D-0000000001", form["cancel_url"]);
    }

    [Theory]
    [InlineData("1000", "rub", 100000L)]
    [InlineData("12.345", "eur", 1235L)]
    [InlineData("500", "JPY", 500L)]
    public void Amounts_go_to_stripe_in_the_currency_s_smallest_unit(string amount, string currency, long expected) =>
        Assert.Equal(expected, StripeCheckoutGateway.MinorUnits(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));

    [Fact]
    public async Task A_refusal_from_stripe_s_api_is_an_error_not_a_checkout()
    {
        await using var stripe = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":{"type":"invalid_request_error","code":"parameter_invalid_integer","message":"Invalid integer","param":"line_items[0][price_data][unit_amount]"}}""");
        });
        var gateway = new StripeCheckoutGateway(new StripeOptions { SecretKey = SecretKey, ApiBase = stripe.BaseUri.ToString() }, () => new Uri("https://bot.example/"));

        await Assert.ThrowsAsync<Stripe.StripeException>(() => gateway.StartAsync(new PaymentRequest("D-0000000002", 1000m, "RUB", "Депозит", "ru")));
    }

    [Fact]
    public async Task With_stripe_keys_the_host_takes_deposits_through_stripe_checkout_and_sends_the_customer_back_to_its_own_pages()
    {
        await using var stripe = await FakeStripeAsync();
        await using var host = await StartAsync(stripe);

        var gateway = host.Services.GetRequiredService<IPaymentGateway>();
        Assert.IsType<StripeCheckoutGateway>(gateway);
        var session = await gateway.StartAsync(new PaymentRequest("D-0000000003", 1000m, "RUB", "Депозит за уборку", "ru"));
        Assert.Equal("cs_test_1", session.ProviderId);
        var form = Form(Assert.Single(stripe.Requests).Body);
        Assert.Equal(new Uri(host.BaseUri, "pay/done?deposit=D-0000000003").AbsoluteUri, form["success_url"]);

        // The host's own test page is off: no deposit can be paid by a click here.
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("pay/D-0000000003")).StatusCode);
        Assert.Contains("Payment received", await host.Client.GetStringAsync("pay/done?deposit=D-0000000003"), StringComparison.Ordinal);
        Assert.Contains("Оплата отменена", await host.Client.GetStringAsync("pay/cancelled?deposit=D-0000000003"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_completed_checkout_pays_the_deposit_and_books_the_job_once_however_often_it_comes()
    {
        await using var stripe = await FakeStripeAsync();
        await using var host = await StartAsync(stripe);
        var deposits = host.Services.GetRequiredService<IDepositStore>();
        var calendar = host.Services.GetRequiredService<ICalendarStore>();
        await deposits.CreateAsync(PendingDeposit("D-0000000004"));
        var body = CompletedEvent("evt_1", "D-0000000004");

        using var first = await PostAsync(host, body, Sign(body, Now));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        JsonAssert.Equal("""{"applied":true}""", await first.Content.ReadAsStringAsync());
        var paid = (await deposits.FindAsync("D-0000000004"))!;
        Assert.Equal(DepositState.Paid, paid.State);
        Assert.Equal(_clock.GetUtcNow(), paid.Paid);
        Assert.NotNull(paid.BookingId);
        var booking = Assert.Single(await calendar.BookingsOfAsync(Payer, JobSlot.Start.Date));
        Assert.Equal(paid.BookingId, booking.Id);
        Assert.Equal(JobSlot, booking.Slot);
        Assert.Contains("Оплачено", await host.Client.GetStringAsync("pay/done?deposit=D-0000000004"), StringComparison.Ordinal);

        // Stripe delivers at least once: the same event again is acknowledged and changes nothing.
        using var replay = await PostAsync(host, body, Sign(body, Now));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        JsonAssert.Equal("""{"applied":false}""", await replay.Content.ReadAsStringAsync());
        Assert.Equal(booking.Id, Assert.Single(await calendar.BookingsOfAsync(Payer, JobSlot.Start.Date)).Id);

        // So is another event for the same deposit (async_payment_succeeded after completed): one payment, one job.
        var again = CompletedEvent("evt_2", "D-0000000004", type: StripeWebhookEndpoint.AsyncSucceededType);
        using var second = await PostAsync(host, again, Sign(again, Now));
        JsonAssert.Equal("""{"applied":false}""", await second.Content.ReadAsStringAsync());
        Assert.Single(await calendar.BookingsOfAsync(Payer, JobSlot.Start.Date));
    }

    [Fact]
    public async Task A_forged_missing_or_stale_signature_is_a_400_and_changes_nothing()
    {
        await using var stripe = await FakeStripeAsync();
        await using var host = await StartAsync(stripe);
        var deposits = host.Services.GetRequiredService<IDepositStore>();
        var calendar = host.Services.GetRequiredService<ICalendarStore>();
        await deposits.CreateAsync(PendingDeposit("D-0000000005"));
        var body = CompletedEvent("evt_5", "D-0000000005");

        var refused = new[]
        {
            Sign(body, Now, "whsec_someone_else"),
            null,
            "t=" + Now.ToString(CultureInfo.InvariantCulture),
            "garbage",
            Sign(body, Now - 360),
            Sign(body, Now + 360),
            Sign(body.Replace("\"paid\"", "\"paid\" ", StringComparison.Ordinal), Now),
        };
        foreach (var signature in refused)
        {
            using var response = await PostAsync(host, body, signature);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Bad signature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var untouched = (await deposits.FindAsync("D-0000000005"))!;
        Assert.Equal(DepositState.Pending, untouched.State);
        Assert.Null(untouched.BookingId);
        Assert.Empty(await calendar.BookingsOfAsync(Payer, JobSlot.Start.Date));

        // Nothing was used up: the genuine delivery of the same event still pays the deposit.
        using var genuine = await PostAsync(host, body, Sign(body, Now));
        JsonAssert.Equal("""{"applied":true}""", await genuine.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_events_that_pay_nothing_of_ours_are_acknowledged_so_stripe_stops_retrying()
    {
        await using var stripe = await FakeStripeAsync();
        await using var host = await StartAsync(stripe);
        var deposits = host.Services.GetRequiredService<IDepositStore>();
        await deposits.CreateAsync(PendingDeposit("D-0000000006"));

        var unknown = CompletedEvent("evt_6", "D-NOSUCHONE");
        using var forUnknown = await PostAsync(host, unknown, Sign(unknown, Now));
        Assert.Equal(HttpStatusCode.OK, forUnknown.StatusCode);
        JsonAssert.Equal("""{"applied":false,"reason":"unknown deposit"}""", await forUnknown.Content.ReadAsStringAsync());

        var other = JsonSerializer.Serialize(new
        {
            id = "evt_7", @object = "event", api_version = "2025-01-27.acacia", created = Now, livemode = false, pending_webhooks = 1,
            request = new { id = (string?)null, idempotency_key = (string?)null }, type = "payment_intent.created",
            data = new { @object = new { id = "pi_1", @object = "payment_intent", amount = 100000, currency = "rub" } },
        });
        using var ignored = await PostAsync(host, other, Sign(other, Now));
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        JsonAssert.Equal("""{"ignored":"payment_intent.created"}""", await ignored.Content.ReadAsStringAsync());

        // Completed but not paid yet (a delayed payment method): the deposit waits for async_payment_succeeded.
        var unpaid = CompletedEvent("evt_8", "D-0000000006", paymentStatus: "unpaid");
        using var waiting = await PostAsync(host, unpaid, Sign(unpaid, Now));
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.Equal(StripeWebhookEndpoint.CompletedType, (await waiting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ignored").GetString());
        Assert.Equal(DepositState.Pending, (await deposits.FindAsync("D-0000000006"))!.State);

        // Signed but not an event at all: a 400, never a 5xx.
        const string Malformed = "{not json";
        using var malformed = await PostAsync(host, Malformed, Sign(Malformed, Now));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Without_stripe_keys_the_webhook_is_not_there()
    {
        await using var host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false", "--Crm:Dispatch=false");
        var body = CompletedEvent("evt_9", "D-0000000009");

        using var response = await PostAsync(host, body, Sign(body, Now));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.IsType<TestCheckoutGateway>(host.Services.GetRequiredService<IPaymentGateway>());
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    private Task<RunningHost> StartAsync(LoopbackServer stripe) => RunningHost.StartAsync(
        null,
        services => services.AddSingleton<TimeProvider>(_clock),
        "--Outbox:Dispatch=false",
        "--Crm:Dispatch=false",
        $"--Payments:Stripe:SecretKey={SecretKey}",
        $"--Payments:Stripe:WebhookSecret={WebhookSecret}",
        $"--Payments:Stripe:ApiBase={stripe.BaseUri}");

    /// <summary>Stripe's API as far as Checkout goes: every create answers with the same open session.</summary>
    private static Task<LoopbackServer> FakeStripeAsync() => LoopbackServer.StartAsync(async (context, _) =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""
            {"id":"cs_test_1","object":"checkout.session","url":"https://checkout.example/cs_test_1","mode":"payment","status":"open","payment_status":"unpaid","client_reference_id":"D-0000000001","livemode":false}
            """);
    });

    private Deposit PendingDeposit(string id)
    {
        var job = new JobDetails(JobSlot, "Москва, ул. Тверская, 1, кв. 5", "домофон 5", 4300m, "уборка двушки 54 м²", "Анна", "+7 916 000-00-01");
        return new Deposit(
            id, "L-1", 1000m, "RUB", "stripe", "cs_test_1", "webchat/c1", ConversationReference, Payer.Key, "ru",
            JsonSerializer.Serialize(job), DepositState.Pending, _clock.GetUtcNow(), null, null);
    }

    /// <summary>A Checkout session's completion as Stripe posts it (trimmed to the fields that matter here).</summary>
    private string CompletedEvent(string eventId, string depositId, string paymentStatus = "paid", string type = StripeWebhookEndpoint.CompletedType) => JsonSerializer.Serialize(new
    {
        id = eventId,
        @object = "event",
        api_version = "2025-01-27.acacia",
        created = Now,
        livemode = false,
        pending_webhooks = 1,
        request = new { id = (string?)null, idempotency_key = (string?)null },
        type,
        data = new
        {
            @object = new
            {
                id = "cs_test_1",
                @object = "checkout.session",
                client_reference_id = depositId,
                payment_status = paymentStatus,
                status = "complete",
                mode = "payment",
                amount_total = 100000,
                currency = "rub",
                metadata = new Dictionary<string, string> { ["deposit"] = depositId },
            },
        },
    });

    /// <summary>The Stripe-Signature header as Stripe makes it: t=unix seconds, v1=hex HMAC-SHA256 of "t.body" with the secret.</summary>
    private static string Sign(string body, long timestamp, string secret = WebhookSecret)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body)));
        return $"t={t},v1={v1}";
    }

    private static async Task<HttpResponseMessage> PostAsync(RunningHost host, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/payments/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(StripeWebhookEndpoint.SignatureHeader, signature);
        }

        return await host.Client.SendAsync(request);
    }

    private static Dictionary<string, string> Form(string body) =>
        QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
