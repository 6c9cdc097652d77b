using Microsoft.Playwright;

namespace Staffono.Bot.Tests.Support;

/// <summary>Debian's Chromium under Playwright, as every browser test starts it (./test.sh installs it; Playwright never downloads one).</summary>
public static class Chromium
{
    public static string Path => Environment.GetEnvironmentVariable("STAFFONO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"Chromium is not at {Path}. Run the tests with ./test.sh, which installs Debian's chromium, or set STAFFONO_CHROMIUM.");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }
}
