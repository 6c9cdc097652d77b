using Microsoft.Extensions.Options;
using Staffono.Bot.DirectLine;
using Staffono.Bot.Endpoints;
using Staffono.Bot.Operators;
using Staffono.Bot.Leads;
using Staffono.Bot.Shop;
using Staffono.Dialogs;
using Staffono.Bot.Hosting;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;

namespace Staffono.Bot;

/// <summary>Builds the web application; Program.cs runs it and tests start it on a loopback port.</summary>
public static class StaffonoHost
{
    public const string DefaultUrl = "http://localhost:3978";

    /// <param name="args">Command-line arguments (settings as --Key=value).</param>
    /// <param name="configureServices">Lets tests replace services, such as the clock.</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);
        builder.AddStaffonoRuntime();
        builder.AddDirectLine();
        builder.AddUnderstanding();
        builder.AddBusinessProfile();
        builder.Services.AddSingleton<IBot>(sp => sp.GetRequiredService<StaffonoBot>());
        builder.Services.AddSingleton<ITurnRecovery>(sp => sp.GetRequiredService<StaffonoBot>());
        builder.Services.AddSingleton<Readiness>();
        builder.Services.AddHostedService<Warmup>();
        builder.Services.AddProblemDetails();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // Settings are checked here rather than as the host starts, so a bad one is a clear exception
        // for Program to print in one line, not a failed start logged with a stack trace.
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.UseChatPage();
        app.UseCors();
        app.UseRateLimiter();
        app.UseWebSockets();
        app.MapBotMessages();
        app.MapDirectLine();
        app.MapCalendarInvites();
        app.MapOperatorConsole();
        app.MapShopEvents();
        app.MapLeads();
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
            app.LogOperatorConsole();
        });
        return app;
    }
}
