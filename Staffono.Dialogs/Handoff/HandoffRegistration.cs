using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Handoff.Teams;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Connector;
using Staffono.Runtime.State;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Handoff;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// Adds handoffs to people: tickets, the relay that gives a handed-over conversation to people, the desk
/// operators act through, escalation, and the "talk to a person" workflow. The workflow platform adds it
/// with default settings; the host adds it with its own, and adds Teams. Needs, from the host: the handoff
/// store, the outcome log, conversation state, the business profile and, for the desk and escalation, an
/// <see cref="IConversationSender"/> and an <see cref="IOutbox"/>.
/// </summary>
public static class HandoffRegistration
{
    public static IServiceCollection AddHandoffs(this IServiceCollection services, HandoffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(s => s.ServiceType == typeof(HandoffOptions)))
        {
            return services;
        }

        options ??= new HandoffOptions();
        services.AddSingleton(options);
        services.AddSingleton(options.Teams);
        services.TryAddSingleton(sp => new OpeningHours(sp.GetRequiredService<BusinessProfile>()));
        services.TryAddSingleton(sp => new HandoffSla(sp.GetRequiredService<OpeningHours>(), options.ClaimWithin));
        // The configured model, if any, writes the summary (text only, with the template as the fallback).
        services.TryAddSingleton(sp => new HandoffSummarizer(sp.GetService<IChatClient>(), options.SummaryTimeout, sp.GetService<ILogger<HandoffSummarizer>>()));
        services.TryAddSingleton(sp => new HandoffTickets(
            sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<HandoffSla>(), sp.GetRequiredService<HandoffSummarizer>(), sp.GetRequiredService<IOutcomeLog>(),
            options.OperatorLanguage, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new OperatorDesk(
            sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<IConversationSender>(), sp.GetServices<IOperatorChannel>(), sp.GetRequiredService<IOutcomeLog>(),
            options.OperatorLanguage, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<OperatorDesk>>()));
        services.TryAddSingleton(sp => new HandoffEscalation(
            sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<IOutbox>(), sp.GetServices<IOperatorChannel>(), sp.GetRequiredService<IOutcomeLog>(), options,
            sp.GetService<ILogger<HandoffEscalation>>()));
        services.AddSingleton<IOutboxRenderer>(sp => new HandoffWaitRenderer(sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<HandoffSla>()));
        services.AddSingleton<IOutboxRenderer>(sp => new BackupPingRenderer(sp.GetRequiredService<IHandoffStore>(), options.Teams));

        if (options.Mode == HandoffMode.Protocol)
        {
            services.TryAddSingleton(sp => new AgentHubHandoff(sp.GetRequiredService<HandoffTickets>(), sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<IOutcomeLog>(), sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IHandoff>(sp => sp.GetRequiredService<AgentHubHandoff>());
            services.AddSingleton<IOperatorTurns>(sp => sp.GetRequiredService<AgentHubHandoff>());
        }
        else
        {
            // Only the business's own operators take a conversation over here; an agent hub carries it itself.
            services.TryAddSingleton(sp => new OperatorRelay(
                sp.GetRequiredService<IHandoffStore>(), sp.GetServices<IOperatorChannel>(), sp.GetRequiredService<IOutcomeLog>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<OperatorRelay>>()));
            services.TryAddSingleton<IHandoff>(sp => new OperatorHandoff(
                sp.GetRequiredService<HandoffTickets>(), sp.GetServices<IOperatorChannel>(),
                sp.GetRequiredService<BusinessProfile>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<OperatorHandoff>>()));
        }

        services.AddSingleton<Workflow>(sp => new HumanRequestWorkflow(new HumanRequestDialog(sp.GetRequiredService<WorkflowServices>())));
        return services;
    }

    /// <summary>
    /// Tickets in a Teams channel, and operators' actions there. Needs the connector and storage of the
    /// protocol runtime. Teams is used once a channel is configured or the app is added to a team.
    /// </summary>
    /// <param name="consoleUrl">Where the console is reachable, for the transcript link on cards.</param>
    /// <param name="appId">The bot's Microsoft app id (its Teams id is "28:" and the app id).</param>
    public static IServiceCollection AddTeamsOperators(this IServiceCollection services, string? consoleUrl, string? appId)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new TeamsChannelDirectory(sp.GetRequiredService<IStorage>(), sp.GetRequiredService<TeamsOperatorOptions>(), appId));
        services.TryAddSingleton(sp => new TeamsOperatorChannel(
            sp.GetRequiredService<TeamsChannelDirectory>(), sp.GetRequiredService<ConnectorClientFactory>(), sp.GetRequiredService<IConversationSender>(),
            sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<IOutcomeLog>(), sp.GetRequiredService<BusinessProfile>(),
            sp.GetRequiredService<HandoffOptions>().OperatorLanguage, consoleUrl, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<TeamsOperatorChannel>>()));
        services.AddSingleton<IOperatorChannel>(sp => sp.GetRequiredService<TeamsOperatorChannel>());
        services.AddSingleton<IOperatorTurns>(sp => new TeamsOperatorTurns(
            sp.GetRequiredService<OperatorDesk>(), sp.GetRequiredService<TeamsOperatorChannel>(), sp.GetRequiredService<TeamsChannelDirectory>(), sp.GetRequiredService<IHandoffStore>()));
        return services;
    }
}
