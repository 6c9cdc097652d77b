using Microsoft.Playwright;
using Staffono.Bot.Tests.Bot;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// The chat page in a real browser: Debian's Chromium driven by Playwright (./test.sh installs it;
/// Playwright never downloads a browser here), against the real host on a loopback port.
/// </summary>
public sealed class ChatPageBrowserTests : IAsyncLifetime
{
    private RunningHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("STAFFONO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}. Run the tests with ./test.sh, which installs Debian's chromium, or set STAFFONO_CHROMIUM.");
        }

        _host = await RunningHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_chats_in_russian_clicks_a_suggestion_and_finds_the_history_after_a_reload()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        var log = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) => log.Add($"console {message.Type}: {message.Text}");
        page.Response += (_, response) => log.Add($"{response.Status} {response.Request.Method} {response.Url}");
        page.RequestFailed += (_, request) => log.Add($"FAILED {request.Method} {request.Url} {request.Failure}");
        page.WebSocket += (_, socket) =>
        {
            log.Add($"ws open {socket.Url}");
            socket.FrameReceived += (_, frame) => log.Add($"ws frame {frame.Text?.Length}");
            socket.Close += (_, _) => log.Add("ws closed");
        };
        try
        {
            await ChatAsync(page);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- browser log ---\n{string.Join("\n", log)}\n--- page errors ---\n{string.Join("\n", errors)}");
        }

        Assert.Empty(errors);
        await context.CloseAsync();
    }

    private async Task ChatAsync(IPage page)
    {
        await page.GotoAsync(_host.BaseUri.ToString());
        await Expect(Bubble(page, "Здравствуйте! Я Staffono, помощник компании")).ToHaveCountAsync(1);

        var input = page.Locator("input[data-id='webchat-sendbox-input'], .webchat__send-box-text-box__input").First;
        await input.FillAsync("привет");
        await input.PressAsync("Enter");
        await Expect(Bubble(page, "^привет$")).ToBeVisibleAsync();
        await Expect(Bubble(page, "Здравствуйте! Я Staffono, помощник компании")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Цены" }).Last.ClickAsync();
        await Expect(Bubble(page, "Понял: вы хотите узнать цену. Этого я пока не умею")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(Bubble(page, "^привет$")).ToBeVisibleAsync();
        await Expect(Bubble(page, "^Цены$")).ToBeVisibleAsync();
        await Expect(Bubble(page, "Понял: вы хотите узнать цену. Этого я пока не умею")).ToBeVisibleAsync();
        await Expect(Bubble(page, "Здравствуйте! Я Staffono, помощник компании")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_customer_books_by_clicking_an_offered_slot_and_confirming()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_host.BaseUri.ToString());
        await Expect(Bubble(page, "Здравствуйте! Я Staffono, помощник компании")).ToHaveCountAsync(1);

        var input = page.Locator("input[data-id='webchat-sendbox-input'], .webchat__send-box-text-box__input").First;
        await input.FillAsync("Можно записаться на стрижку на Тверской послезавтра?");
        await input.PressAsync("Enter");
        // Whatever day the test runs on, the bot offers concrete slots (or the nearest open days) as buttons.
        await Expect(Bubble(page, "^(Могу|На это время всё занято)")).ToBeVisibleAsync();
        var slot = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"\d{2}:\d{2}$") }).First;
        var slotTitle = (await slot.InnerTextAsync()).Trim();
        await slot.ClickAsync();
        try
        {
            await Expect(Bubble(page, "^Как вас зовут\\?")).ToBeVisibleAsync();
        }
        catch (PlaywrightException ex)
        {
            var bubbles = await page.Locator(".webchat__text-content").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"{ex.Message}\nclicked '{slotTitle}'; conversation:\n{string.Join("\n", bubbles)}");
        }

        // The page does not tell the bot the customer's name, so it is asked once.
        await Expect(Bubble(page, "^Как вас зовут\\?")).ToBeVisibleAsync();
        await input.FillAsync("Анна");
        await input.PressAsync("Enter");
        await Expect(Bubble(page, "^Записываю: Стрижка")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Да" }).Last.ClickAsync();

        await Expect(Bubble(page, "^Готово! Вы записаны на")).ToBeVisibleAsync();
        Assert.Contains(slotTitle[^5..], await Bubble(page, "^Готово! Вы записаны на").InnerTextAsync());
        await context.CloseAsync();
    }

    /// <summary>Message bubbles whose text matches (Web Chat also repeats texts in a hidden live region for screen readers).</summary>
    private static ILocator Bubble(IPage page, string pattern) =>
        page.Locator(".webchat__text-content").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(pattern) });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
