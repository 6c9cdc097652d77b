using Microsoft.Extensions.Options;
using Staffono.Bot.DirectLine;

namespace Staffono.Bot.Hosting;

/// <summary>Composes the local Direct Line: its store in the same SQLite file, tokens, the adapter that feeds it, CORS.</summary>
public static class DirectLineHostingExtensions
{
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DirectLineOptions.SectionName);
        builder.Services.AddOptions<DirectLineOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IDirectLineStore>(sp => new DirectLineStore(sp.GetRequiredService<Staffono.Runtime.State.SqliteDatabase>()));
        builder.Services.AddSingleton<DirectLineFeed>();
        builder.Services.AddSingleton(sp => new DirectLineAttachments(Path.Combine(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.DataFolder, "directline-attachments")));
        builder.Services.AddSingleton<DirectLineTokenService>();
        builder.Services.AddSingleton(sp => RuntimeHostingExtensions.ConfigureTurns(
            new DirectLineAdapter(sp.GetRequiredService<IDirectLineStore>(), sp.GetRequiredService<DirectLineFeed>(), sp.GetRequiredService<TimeProvider>()), sp));

        var origins = section.GetSection(nameof(DirectLineOptions.AllowedOrigins)).Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("authorization", "content-type", "x-ms-bot-agent", "x-requested-with")));
        builder.Services.AddDirectLineRateLimits();
        return builder;
    }
}
