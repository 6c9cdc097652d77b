using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Staffono.Bot.Tests.Support;

namespace Staffono.Bot.Tests.Bot;

/// <summary>The real Staffono host on a free loopback port, with a data folder of the test's own.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempFolder? _ownedFolder;

    private RunningHost(WebApplication app, TempFolder? ownedFolder, string dataFolder, Uri baseUri, LogCapture logs)
    {
        _app = app;
        Logs = logs;
        _ownedFolder = ownedFolder;
        DataFolder = dataFolder;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri };
    }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public string DataFolder { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>What the host logged (warnings and up, unless the settings say otherwise); nothing is printed.</summary>
    public LogCapture Logs { get; }

    public static Task<RunningHost> StartAsync(params string[] settings) => StartAsync(null, null, settings);

    /// <param name="dataFolder">An existing data folder (a restart); null for a fresh one removed at the end.</param>
    /// <param name="configureServices">Replacements, such as a manual clock.</param>
    public static async Task<RunningHost> StartAsync(string? dataFolder, Action<IServiceCollection>? configureServices, params string[] settings)
    {
        var owned = dataFolder is null ? new TempFolder() : null;
        var folder = dataFolder ?? owned!.Path;
        var logs = new LogCapture();
        string[] args = ["--urls=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Logging:LogLevel:Default=Warning", .. settings];
        WebApplication? app = null;
        try
        {
            app = StaffonoHost.Create(args, services =>
            {
                // The host's log goes to the test, not the console: a start-up a test makes fail on purpose
                // must not print "Hosting failed to start" with a stack trace into the test run's output.
                services.AddLogging(logging => logging.ClearProviders().AddProvider(logs));
                configureServices?.Invoke(services);
            });
            await app.StartAsync();
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            owned?.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, owned, folder, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    /// <summary>A customer's message on the Emulator channel with expectReplies; the bot's replies' texts, one per line.</summary>
    public async Task<string> SayAsync(string conversation, string text, string locale = "en-US")
    {
        var response = await Client.PostAsJsonAsync("api/messages", new
        {
            type = "message", id = Guid.NewGuid().ToString("N"), text, locale, channelId = "emulator", deliveryMode = "expectReplies",
            from = new { id = "u-" + conversation, role = "user" }, recipient = new { id = "bot" }, conversation = new { id = conversation }, serviceUrl = "http://127.0.0.1:1/",
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return string.Join("\n", body.GetProperty("activities").EnumerateArray().Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : string.Empty));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedFolder?.Dispose();
    }
}
