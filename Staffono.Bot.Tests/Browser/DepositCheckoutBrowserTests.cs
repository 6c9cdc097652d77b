using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Staffono.Bot.Outbox;
using Staffono.Bot.Shop;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Staffono.Skills.Leads;
using Staffono.Skills.Payments;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// Quote → payment → job on the chat page in a real browser: the customer gets an exact price for a cleaning, holds a time,
/// opens the deposit's link, pays on the host's test checkout page (marked as a test payment), and the chat confirms the
/// payment; the job is in the line's calendar with the address and the access notes, and the lead is won.
/// It is Thursday 3 December 2026, 12:00 in Moscow.
/// </summary>
public sealed class DepositCheckoutBrowserTests() : HostInBrowser(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task A_customer_pays_the_deposit_on_the_checkout_page_and_the_chat_confirms_the_booked_job()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(Host.BaseUri.ToString());
        await Expect(Bubble(page, "Здравствуйте! Я Staffono")).ToHaveCountAsync(1);
        await SayAsync(page, "Сколько стоит уборка квартиры 54 м2, 2 комнаты, 1 санузел, разово?");
        await Expect(Bubble(page, "^Уборка \\(квартира, 54 м², комнат: 2, санузлов: 1, разово\\)")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Закрепить время") }).Last.ClickAsync();
        await Expect(Bubble(page, "^На какой день нужна уборка\\?")).ToBeVisibleAsync();
        await SayAsync(page, "в субботу");
        await Expect(Bubble(page, "^Свободное время бригады")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "5 декабря (сб) в 09:00" }).Last.ClickAsync();
        await Expect(Bubble(page, "^Адрес уборки")).ToBeVisibleAsync();
        await SayAsync(page, "ул. Ленина, 5, кв. 12");
        await Expect(Bubble(page, "^Как попасть")).ToBeVisibleAsync();
        await SayAsync(page, "домофон 12К, 3 этаж");
        await Expect(Bubble(page, "^Депозит 1.000 ₽ закрепит за вами время: 5 декабря \\(сб\\) в 09:00")).ToBeVisibleAsync();

        // The link opens the checkout in a new tab, as a channel's URL button does.
        var checkout = await context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Оплатить депозит" }).Last.ClickAsync());
        await Expect(checkout.GetByText("ТЕСТОВЫЙ ПЛАТЁЖ")).ToBeVisibleAsync();
        await checkout.Locator("#pay").ClickAsync();
        await Expect(checkout.Locator("#paid")).ToHaveTextAsync("Оплачено");

        // The receipt goes through the outbox; this host's sender runs when the test says.
        Assert.Equal(1, await Host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync());
        await Expect(Bubble(page, "^Оплата 1.000 ₽ получена — спасибо! Уборка запланирована: 5 декабря \\(сб\\) в 09:00, адрес: ул. Ленина, 5, кв. 12")).ToBeVisibleAsync();

        // The job is booked for the crew with what they need to get in; the deposit knows it; the lead is won.
        var deposit = Assert.Single(await Host.Services.GetRequiredService<IDepositStore>().SinceAsync(DateTimeOffset.MinValue));
        Assert.Equal(DepositState.Paid, deposit.State);
        var booking = (await Host.Services.GetRequiredService<ICalendarStore>().FindAsync(deposit.BookingId!))!;
        Assert.Equal(("cleaning", "crew_1", new DateTime(2026, 12, 5, 9, 0, 0)), (booking.Slot.ServiceId, booking.Slot.StaffId, booking.Slot.Start));
        Assert.Contains("ул. Ленина, 5, кв. 12", booking.Notes, StringComparison.Ordinal);
        Assert.Contains("домофон 12К, 3 этаж", booking.Notes, StringComparison.Ordinal);
        Assert.Equal(LeadStage.Won, (await Host.Services.GetRequiredService<ILeadStore>().FindAsync(deposit.LeadId))!.Stage);

        // Paying again on the same page changes nothing.
        await checkout.GotoAsync(checkout.Url);
        await Expect(checkout.Locator(".done")).ToContainTextAsync("Оплачено");
        Assert.Single(await Host.Services.GetRequiredService<ICalendarStore>().BookingsOfAsync(new Customer(deposit.CustomerKey, null, null), new DateTime(2026, 12, 1)));

        // The crew reports the job done: the rating question comes now, and a regular plan is offered after the stars.
        var body = System.Text.Json.JsonSerializer.Serialize(new { id = "job-done-1", type = "job.completed", data = new { deposit = deposit.Id } });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUri, "api/events")) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(ShopEventsEndpoint.SignatureHeader, ShopEventsEndpoint.Sign(Host.Services.GetRequiredService<ShopEventsSecret>().Value, System.Text.Encoding.UTF8.GetBytes(body)));
        using (var response = await Host.Client.SendAsync(request))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, await Host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync());
        await Expect(Bubble(page, "^Как прошла уборка\\?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "5 ⭐ отлично" }).Last.ClickAsync();
        await Expect(Bubble(page, "Хотите регулярную уборку\\?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Раз в неделю (−20%)" }).Last.ClickAsync();
        await Expect(Bubble(page, "^Отлично! Записал — менеджер согласует с вами расписание")).ToBeVisibleAsync();
        var lead = (await Host.Services.GetRequiredService<ILeadStore>().FindAsync(deposit.LeadId))!;
        Assert.Equal(("5", "weekly"), (lead.Answers["rating"], lead.Answers["recurring_plan"]));

        Assert.Empty(errors);
        await context.CloseAsync();
    }

    private static Task SayAsync(IPage page, string text) => WebChatPage.SayAsync(page, text);

    private static ILocator Bubble(IPage page, string pattern) => WebChatPage.Bubble(page, pattern);
}
