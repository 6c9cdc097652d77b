using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Support;

namespace Staffono.Bot.Tests.Bot;

/// <summary>The real Staffono host on a free loopback port, with its own data folder.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempFolder _folder;

    private RunningHost(WebApplication app, TempFolder folder, Uri baseUri)
    {
        _app = app;
        _folder = folder;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri };
    }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public string DataFolder => _folder.Path;

    public static async Task<RunningHost> StartAsync(params string[] settings)
    {
        var folder = new TempFolder();
        string[] args = ["--urls=http://127.0.0.1:0", $"--Storage:DataFolder={folder.Path}", "--Logging:LogLevel:Default=Warning", .. settings];
        WebApplication? app = null;
        try
        {
            app = StaffonoHost.Create(args);
            await app.StartAsync();
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, folder, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
