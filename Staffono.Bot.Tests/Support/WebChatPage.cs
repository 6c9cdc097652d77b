using Microsoft.Playwright;

namespace Staffono.Bot.Tests.Support;

/// <summary>What the browser tests do on the chat page: type a message as a customer, find the bot's bubbles.</summary>
public static class WebChatPage
{
    /// <summary>Web Chat's send box, in the versions we have served.</summary>
    public static ILocator Input(IPage page) =>
        page.Locator("input[data-id='webchat-sendbox-input'], .webchat__send-box-text-box__input").First;

    public static async Task SayAsync(IPage page, string text)
    {
        var input = Input(page);
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>Text bubbles whose text matches the pattern.</summary>
    public static ILocator Bubble(IPage page, string pattern) =>
        page.Locator(".webchat__text-content").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(pattern) });
}
