using Microsoft.Extensions.Options;
using Staffono.Bot.Endpoints;
using Staffono.Dialogs;
using Staffono.Bot.Hosting;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;

namespace Staffono.Bot;

/// <summary>Builds the web application; Program.cs runs it and tests start it on a loopback port.</summary>
public static class StaffonoHost
{
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);
        builder.AddStaffonoRuntime();
        builder.Services.AddSingleton<IBot, StaffonoBot>();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.MapBotMessages();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var credentials = app.Services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
            app.Logger.LogInformation("Staffono data: {DatabasePath}", storage.DatabasePath);
            app.Logger.LogInformation(
                credentials.IsAnonymous
                    ? "No MicrosoftAppId configured: accepting unauthenticated requests (local use, Bot Framework Emulator)"
                    : "Authenticating channel requests for app id {AppId} ({AppType})",
                credentials.MicrosoftAppId,
                credentials.MicrosoftAppType);
        });
        return app;
    }
}
