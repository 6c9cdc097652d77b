using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Staffono.Bot.Operators;
using Staffono.Bot.Tests.Bot;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// The whole handoff loop in a real browser, on a business without Teams: a customer on the chat page asks for a
/// person; an operator, in a second browser context on /operator, sees the ticket appear, claims it and answers;
/// the customer reads the answer; the operator gives the conversation back and the bot answers the customer again.
/// It is Tuesday 24 November 2026, 14:05 in Moscow: the salon is open.
/// </summary>
public sealed class OperatorConsoleBrowserTests() : HostInBrowser(new DateTimeOffset(2026, 11, 24, 11, 5, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task A_customer_asks_for_a_person_an_operator_claims_and_answers_in_the_console_and_gives_the_conversation_back()
    {
        var customerContext = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var operatorContext = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var customer = await customerContext.NewPageAsync();
        var console = await operatorContext.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, error) => errors.Add("customer: " + error);
        console.PageError += (_, error) => errors.Add("console: " + error);

        // The console first: a wrong key is refused, the right one lets Anna in to an empty list.
        await console.GotoAsync(new Uri(Host.BaseUri, "operator").ToString());
        await console.GetByTestId("operator-key").FillAsync("not-the-key-at-all-1234");
        await console.GetByTestId("operator-name").FillAsync("Anna Petrova");
        await console.GetByTestId("sign-in").ClickAsync();
        await Expect(console.GetByTestId("sign-in-error")).ToBeVisibleAsync();
        await console.GetByTestId("operator-key").FillAsync(Host.Services.GetRequiredService<OperatorKey>().Value);
        await console.GetByTestId("sign-in").ClickAsync();
        await Expect(console.GetByTestId("ticket-list")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("ticket-H-1")).ToHaveCountAsync(0);

        // The customer asks for a person on the chat page.
        await customer.GotoAsync(Host.BaseUri.ToString());
        await Expect(Bubble(customer, "Здравствуйте! Я Staffono")).ToHaveCountAsync(1);
        await SayAsync(customer, "позовите оператора");
        await Expect(Bubble(customer, "^Передал ваш запрос человеку .*\\(заявка H-1\\)\\. Оператор ответит здесь же")).ToBeVisibleAsync();

        // The ticket appears in the console without a reload; Anna opens and claims it.
        await console.GetByTestId("ticket-H-1").ClickAsync();
        await Expect(console.GetByTestId("ticket-state")).ToHaveTextAsync("waiting");
        await Expect(console.GetByTestId("transcript").GetByTestId("line").Filter(new() { HasText = "позовите оператора" })).ToHaveCountAsync(1);
        await console.GetByTestId("claim").ClickAsync();
        await Expect(console.GetByTestId("ticket-state")).ToHaveTextAsync("claimed");
        await Expect(Bubble(customer, "^Оператор Anna подключился к разговору")).ToBeVisibleAsync();

        // She answers; the customer reads it signed with her first name, and the customer's answer reaches her.
        await console.GetByTestId("reply-text").FillAsync("Здравствуйте! Чем помочь?");
        await console.GetByTestId("reply-send").ClickAsync();
        await Expect(Bubble(customer, "^Anna \\(оператор\\): Здравствуйте! Чем помочь\\?$")).ToBeVisibleAsync();
        await SayAsync(customer, "хочу перенести запись на пятницу");
        await Expect(console.GetByTestId("transcript").GetByTestId("line").Filter(new() { HasText = "хочу перенести запись на пятницу" })).ToHaveCountAsync(1);
        // The bot kept quiet: no answer of its own to that message.
        await Expect(Bubble(customer, "^Anna \\(оператор\\)")).ToHaveCountAsync(1);

        // Anna gives the conversation back; the bot tells the customer and answers the next message itself.
        await console.GetByTestId("return").ClickAsync();
        await Expect(console.GetByTestId("ticket-state")).ToHaveTextAsync("returned to bot");
        await Expect(Bubble(customer, "^Оператор передал разговор мне, боту \\(заявка H-1\\)")).ToBeVisibleAsync();
        await SayAsync(customer, "хочу записаться на стрижку завтра");
        await Expect(Bubble(customer, "^Могу завтра в")).ToBeVisibleAsync();

        Assert.Empty(errors);
        await customerContext.CloseAsync();
        await operatorContext.CloseAsync();
    }

    private static Task SayAsync(IPage page, string text) => WebChatPage.SayAsync(page, text);

    private static ILocator Bubble(IPage page, string pattern) => WebChatPage.Bubble(page, pattern);

}
