using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Bot;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// The chat page in a real browser: Debian's Chromium driven by Playwright (./test.sh installs it;
/// Playwright never downloads a browser here), against the real host on a loopback port.
/// </summary>
public sealed class ChatPageBrowserTests : IAsyncLifetime
{
    private static readonly FixedStartTimeProvider Today = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
    private RunningHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // Monday 2026-12-07, 09:00 in Moscow: "послезавтра" is always Wednesday the 9th, whatever day the suite runs.
        _host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(Today), "--Outbox:Dispatch=false");
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
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

        var input = WebChatPage.Input(page);
        await input.FillAsync("привет");
        await input.PressAsync("Enter");
        await Expect(Bubble(page, "^привет$")).ToBeVisibleAsync();
        await Expect(Bubble(page, "Здравствуйте! Я Staffono, помощник компании")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Цены" }).Last.ClickAsync();
        await Expect(Bubble(page, "Подскажу цену. Что вас интересует?")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(Bubble(page, "^привет$")).ToBeVisibleAsync();
        await Expect(Bubble(page, "^Цены$")).ToBeVisibleAsync();
        await Expect(Bubble(page, "Подскажу цену. Что вас интересует?")).ToBeVisibleAsync();
        await Expect(Bubble(page, "Здравствуйте! Я Staffono, помощник компании")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_customer_books_by_clicking_sees_only_human_words_as_their_own_and_opens_the_invite_with_a_click()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_host.BaseUri.ToString());
        await Expect(Bubble(page, "Здравствуйте! Я Staffono, помощник компании")).ToHaveCountAsync(1);

        var input = WebChatPage.Input(page);
        await input.FillAsync("Можно записаться на стрижку на Тверской послезавтра?");
        await input.PressAsync("Enter");
        await Expect(Bubble(page, "^Могу")).ToBeVisibleAsync();
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
        var done = await Bubble(page, "^Готово! Вы записаны на").InnerTextAsync();
        Assert.Contains("9 декабря (ср) в " + slotTitle[^5..], done, StringComparison.Ordinal);

        // What the customer sees as their own messages is what they typed or the title they clicked, never an internal value.
        var own = (await page.Locator(".webchat__bubble--from-user .webchat__text-content").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(["Можно записаться на стрижку на Тверской послезавтра?", slotTitle, "Анна", "Да"], own);
        Assert.DoesNotContain(own, t => t.Contains('|', StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(t, @"\d{10,}"));

        // The invite is a button that opens the booking's .ics from this host.
        var openedUrl = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await context.RouteAsync("**/calendar/*.ics", async route =>
        {
            openedUrl.TrySetResult(route.Request.Url);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 204 });
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить в календарь" }).Last.ClickAsync();
        var opened = await openedUrl.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Matches(@"/calendar/[A-Za-z0-9_-]+\.ics$", opened);
        Assert.Contains(opened, done, StringComparison.Ordinal);
        var invite = await _host.Client.GetStringAsync(new Uri(opened).PathAndQuery.TrimStart('/'));
        Assert.StartsWith("BEGIN:VCALENDAR", invite, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    [Fact]
    public async Task New_chat_starts_a_fresh_conversation_for_the_same_customer()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_host.BaseUri.ToString());
        await Expect(Bubble(page, "^Hello! I'm Staffono")).ToHaveCountAsync(1);
        var input = WebChatPage.Input(page);
        await input.FillAsync("hello there");
        await input.PressAsync("Enter");
        await Expect(Bubble(page, "^Hello! I'm Staffono")).ToHaveCountAsync(2);
        var before = await SessionAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Новый разговор / New chat" }).ClickAsync();

        await Expect(Bubble(page, "^Hello! I'm Staffono")).ToHaveCountAsync(1);
        await Expect(Bubble(page, "^hello there$")).ToHaveCountAsync(0);
        var after = await SessionAsync(page);
        Assert.NotEqual(before.ConversationId, after.ConversationId);
        Assert.Equal(before.UserId, after.UserId);
        Assert.Matches("^dl_[0-9a-f]{20}$", after.UserId);
        await context.CloseAsync();
    }

    private static async Task<(string ConversationId, string UserId)> SessionAsync(IPage page)
    {
        var session = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => JSON.parse(localStorage.getItem('staffono.directline'))");
        return (session.GetProperty("conversationId").GetString()!, session.GetProperty("userId").GetString()!);
    }

    /// <summary>Message bubbles whose text matches (Web Chat also repeats texts in a hidden live region for screen readers).</summary>
    private static ILocator Bubble(IPage page, string pattern) => WebChatPage.Bubble(page, pattern);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
