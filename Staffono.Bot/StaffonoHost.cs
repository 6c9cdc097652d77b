using Staffono.Bot.Endpoints;
using Staffono.Bot.Hosting;
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
        builder.Services.AddSingleton<IBot, PlaceholderBot>();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.MapBotMessages();
        return app;
    }
}
