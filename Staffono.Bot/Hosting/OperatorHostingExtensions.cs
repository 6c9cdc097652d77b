using Microsoft.Extensions.Options;
using Staffono.Bot.Operators;
using Staffono.Dialogs.Handoff;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime;

namespace Staffono.Bot.Hosting;

/// <summary>
/// Handoffs to people as this host runs them (section "Handoff"): the operators' console with its key,
/// Teams tickets, the sender operators' words go out through, and escalation on a timer. Called before the
/// workflow platform, so its settings are the ones used.
/// </summary>
public static class OperatorHostingExtensions
{
    public static IHostApplicationBuilder AddOperators(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(HandoffOptions.SectionName);
        builder.Services.AddOptions<HandoffOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        HandoffOptions options;
        try
        {
            options = section.Get<HandoffOptions>() ?? new HandoffOptions();
        }
        catch (InvalidOperationException ex)
        {
            // "Handoff:Mode=teams": one line an owner can act on, as for every other bad setting.
            throw new OptionsValidationException(HandoffOptions.SectionName, typeof(HandoffOptions), [$"{HandoffOptions.SectionName}: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        var business = builder.Configuration.GetSection(BusinessOptions.SectionName).Get<BusinessOptions>() ?? new BusinessOptions();
        var consoleUrl = options.ConsoleUrl ?? business.PublicBaseUrl ?? (builder.Configuration["urls"] ?? StaffonoHost.DefaultUrl).Split(';')[0];
        builder.Services.AddHandoffs(options);
        builder.Services.AddSingleton<ConversationSender>();
        builder.Services.AddSingleton<IConversationSender>(sp => sp.GetRequiredService<ConversationSender>());
        builder.Services.AddTeamsOperators(consoleUrl, builder.Configuration[nameof(BotCredentialsOptions.MicrosoftAppId)]);
        builder.Services.AddSingleton(sp => OperatorKey.Load(options.OperatorKey, sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataFolder));
        builder.Services.AddHostedService<HandoffEscalationService>();
        return builder;
    }

    /// <summary>Says where the console is and how to sign in (the generated key is printed; a configured one is not).</summary>
    public static void LogOperatorConsole(this WebApplication app)
    {
        var key = app.Services.GetRequiredService<OperatorKey>();
        var url = (app.Urls.FirstOrDefault() ?? StaffonoHost.DefaultUrl).TrimEnd('/') + "/operator";
        if (key.File is { } file)
        {
            app.Logger.LogInformation("Operator console: {Url} — key {Key} (kept in {File}; set Handoff:OperatorKey to choose your own)", url, key.Value, file);
        }
        else
        {
            app.Logger.LogInformation("Operator console: {Url} — key from Handoff:OperatorKey", url);
        }
    }
}
