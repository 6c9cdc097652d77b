using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Staffono.Bot.Operators;
using Staffono.Bot.Tests.Bot;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// The console's shop panels in a real browser: the one-time code the bot kept in the mailbox (no SMTP here) is shown
/// to the signed-in operator, and the support report lists a question nobody could answer — as text, even when the
/// customer wrote markup.
/// It is Thursday 3 December 2026, 12:00 in Moscow.
/// </summary>
public sealed class SupportConsoleBrowserTests() : HostInBrowser(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), "--Shop:OneTimeCode=true")
{
    private Task<string> SayAsync(string conversation, string text) => Host.SayAsync(conversation, text);

    [Fact]
    public async Task The_console_shows_the_code_in_the_mailbox_and_the_question_to_add_to_the_faq()
    {
        await SayAsync("c1", "where is my order 10232?");
        await SayAsync("c1", "anna@example.com");
        await SayAsync("c2", "do you sell <b>wigs</b> made from natural hair?");
        await SayAsync("c2", "no");

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(Host.BaseUri, "operator").ToString());
        await page.GetByTestId("operator-key").FillAsync(Host.Services.GetRequiredService<OperatorKey>().Value);
        await page.GetByTestId("operator-name").FillAsync("Anna Petrova");
        await page.GetByTestId("sign-in").ClickAsync();

        var mail = page.GetByTestId("mailbox").GetByTestId("mail");
        await Assertions.Expect(mail).ToHaveCountAsync(1);
        await Assertions.Expect(mail).ToContainTextAsync("anna@example.com");
        await Assertions.Expect(mail).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Your code is \d{6}\."));

        var question = page.GetByTestId("unanswered").GetByTestId("unanswered-question");
        await Assertions.Expect(question).ToHaveCountAsync(1);
        await Assertions.Expect(question).ToContainTextAsync("do you sell <b>wigs</b> made from natural hair?");
        await Assertions.Expect(page.GetByTestId("support-kpis")).ToContainTextAsync("Order status");
        Assert.Empty(errors);
        await context.CloseAsync();
    }
}
