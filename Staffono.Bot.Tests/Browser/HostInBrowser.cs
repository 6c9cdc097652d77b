using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Staffono.Bot.Tests.Bot;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// What every browser test class starts with: the real host on a loopback port, its clock starting at a chosen
/// moment and running on, and Debian's Chromium under Playwright; all stopped when the class's tests end.
/// </summary>
public abstract class HostInBrowser(DateTimeOffset start, params string[] settings) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    protected RunningHost Host { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var clock = new FixedStartTimeProvider(start);
        Host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(clock), ["--Outbox:Dispatch=false", .. settings]);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
