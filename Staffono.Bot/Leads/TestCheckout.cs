using System.Net;
using Staffono.Dialogs.Leads;
using Staffono.Skills.Payments;

namespace Staffono.Bot.Leads;

/// <summary>
/// The host's own checkout, for the demo and tests: a page at <c>/pay/{deposit}</c>, marked as a test payment, whose button
/// pays the deposit. No money moves; the confirmation comes from this host, as a provider's webhook would.
/// </summary>
public sealed class TestCheckoutGateway(Func<Uri> baseUrl) : IPaymentGateway
{
    public string Name => "test";

    public Task<CheckoutSession> StartAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new CheckoutSession("test_" + request.Id, new Uri(baseUrl(), "pay/" + Uri.EscapeDataString(request.Id))));
    }
}

/// <summary>The test checkout's page and its button's post.</summary>
public static class TestCheckoutEndpoints
{
    public static IEndpointRouteBuilder MapTestCheckout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/pay/{deposit}", PageAsync);
        endpoints.MapPost("/pay/{deposit}", PayAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> PageAsync(string deposit, IDepositStore deposits, IPaymentGateway gateway, CancellationToken ct)
    {
        if (gateway is not TestCheckoutGateway)
        {
            return Results.NotFound();
        }

        var found = await deposits.FindAsync(deposit, ct);
        if (found is null)
        {
            return Page(HttpStatusCode.NotFound, "Платёж не найден / Payment not found", "<p>Проверьте ссылку из чата. / Check the link from the chat.</p>");
        }

        var amount = found.Amount.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo(found.Language == "ru" ? "ru-RU" : "en-US")) + (found.Currency == "RUB" ? " ₽" : " " + found.Currency);
        if (found.State == DepositState.Paid)
        {
            return Page(HttpStatusCode.OK, Paid(found.Language), $"<p class=\"done\">{Paid(found.Language)} {WebUtility.HtmlEncode(amount)}</p>");
        }

        var (title, button) = found.Language == "ru" ? ("Депозит за уборку", "Оплатить") : ("Cleaning deposit", "Pay");
        return Page(HttpStatusCode.OK, title, $"""
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p class="amount">{WebUtility.HtmlEncode(amount)}</p>
            <form method="post"><button id="pay" type="submit">{WebUtility.HtmlEncode(button)} {WebUtility.HtmlEncode(amount)}</button></form>
            """);
    }

    private static async Task<IResult> PayAsync(string deposit, IPaymentGateway gateway, DepositPayments payments, IDepositStore deposits, CancellationToken ct)
    {
        if (gateway is not TestCheckoutGateway)
        {
            return Results.NotFound();
        }

        // The page's button is the provider here: the deposit id is the event id, so a second click pays nothing twice.
        var outcome = await payments.CompleteAsync(deposit, "test:" + deposit, ct);
        if (outcome == PaymentOutcome.UnknownDeposit)
        {
            return Page(HttpStatusCode.NotFound, "Платёж не найден / Payment not found", "<p>Проверьте ссылку из чата. / Check the link from the chat.</p>");
        }

        var language = (await deposits.FindAsync(deposit, ct))!.Language;
        return Page(HttpStatusCode.OK, Paid(language), $"<p class=\"done\" id=\"paid\">{Paid(language)}</p><p>{(language == "ru" ? "Вернитесь в чат — там подтверждение." : "Go back to the chat for the confirmation.")}</p>");
    }

    private static string Paid(string language) => language == "ru" ? "Оплачено" : "Paid";

    private static IResult Page(HttpStatusCode status, string title, string body) => PaymentPages.Render(status, title, body, testPayment: true);
}
