using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Staffono.Bot.Tests.Bot;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// A defective item returned on the chat page in a real browser: the customer proves the order, says it is
/// faulty, attaches a photo with Web Chat's upload button (Direct Line's upload endpoint), picks a refund and
/// gets an RMA number; the photo is stored with the return and is the very file the customer chose.
/// It is Thursday 3 December 2026, 12:00 in Moscow.
/// </summary>
public sealed class ReturnPhotoBrowserTests() : HostInBrowser(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero))
{
    /// <summary>A valid 1×1 PNG, so Web Chat can show its thumbnail.</summary>
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_customer_uploads_a_photo_of_a_faulty_item_and_gets_an_rma_number()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(Host.BaseUri.ToString());
        await Expect(Bubble(page, "Здравствуйте! Я Staffono")).ToHaveCountAsync(1);
        await SayAsync(page, "хочу вернуть плойку из заказа 10239, она не греется");
        await Expect(Bubble(page, "напишите телефон или e-mail, указанный в заказе")).ToBeVisibleAsync();
        await SayAsync(page, "8 903 555 12 34");
        await Expect(Bubble(page, "^Что случилось\\?")).ToBeVisibleAsync();
        await SayAsync(page, "брак");
        await Expect(Bubble(page, "^Пришлите, пожалуйста, фото дефекта")).ToBeVisibleAsync();

        // Web Chat takes the chosen file into the send box (reading it takes a moment); sending posts it to Direct Line's
        // upload endpoint and shows it as the customer's message. A click before Web Chat has taken the file sends nothing,
        // so the test clicks again until the customer's message with the file is there.
        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = "curler.png", MimeType = "image/png", Buffer = Photo });
        var sent = page.Locator(".webchat__bubble--from-user").Filter(new() { HasText = "curler.png" });
        for (var attempt = 0; attempt < 10 && await sent.CountAsync() == 0; attempt++)
        {
            await page.Locator("button.webchat__send-button").First.ClickAsync();
            try
            {
                await sent.First.WaitForAsync(new() { Timeout = 1000 });
            }
            catch (TimeoutException)
            {
                // Not taken yet: click again.
            }
        }

        await Expect(sent).ToHaveCountAsync(1);
        await Expect(Bubble(page, "Плойка.*можно вернуть")).ToBeVisibleAsync();
        await SayAsync(page, "вернуть деньги");
        await Expect(Bubble(page, "^Оформляю возврат")).ToBeVisibleAsync();
        await SayAsync(page, "да");
        await Expect(Bubble(page, "^Готово! Номер возврата: RMA-10004")).ToBeVisibleAsync();
        await Expect(Bubble(page, "Обратную доставку оплачиваем мы")).ToBeVisibleAsync();

        // The return carries the photo, and it is the file the customer chose.
        var rma = (await Host.Services.GetRequiredService<IReturnStore>().FindAsync("RMA-10004"))!;
        var stored = await Host.Services.GetRequiredService<IReturnPhotos>().ReadAsync(Assert.Single(rma.Photos));
        Assert.Equal(Photo, stored!.Value.Content);
        Assert.Equal("image/png", stored.Value.ContentType);
        Assert.Equal(ReturnReason.Defective, rma.Reason);
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    private static Task SayAsync(IPage page, string text) => WebChatPage.SayAsync(page, text);

    private static ILocator Bubble(IPage page, string pattern) => WebChatPage.Bubble(page, pattern);

}
