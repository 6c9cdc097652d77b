using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Staffono.Dialogs.Handoff;
using Staffono.Skills.Ai;
using Staffono.Skills.Analytics;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// Composes the bot from the registered workflows. The host and the conversation tests call the same
/// methods, so tests run the product as it is composed in production. Needs, from the host: the
/// stores (<see cref="IOutcomeLog"/>, <see cref="IHandoffStore"/>, each workflow's own), the
/// understanding, conversation and user state, and a <see cref="TimeProvider"/>.
/// </summary>
public static class WorkflowRegistration
{
    /// <summary>The main dialog over every registered <see cref="Workflow"/>, the bot, and what workflows share.</summary>
    /// <param name="handoff">How handoffs to people go; default: the business's own operators (console, Teams when set up).</param>
    public static IServiceCollection AddWorkflowPlatform(this IServiceCollection services, HandoffOptions? handoff = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The kernel over every workflow's capability plugins, with the side-effect guard on every call.
        services.AddStaffonoKernel();
        // Tickets for people, the relay while people have a conversation, and the "talk to a person" workflow.
        services.AddHandoffs(handoff);
        services.TryAddSingleton(sp => new WorkflowServices(sp.GetRequiredService<IOutcomeLog>(), sp.GetRequiredService<IHandoff>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new MainDialog(sp.GetRequiredService<Skills.Understanding.IntentUnderstanding>(), sp.GetServices<Workflow>(), sp.GetService<Skills.Customers.IContactLog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new StaffonoBot(
            sp.GetRequiredService<Runtime.State.ConversationState>(), sp.GetRequiredService<Runtime.State.UserState>(), sp.GetRequiredService<MainDialog>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<Skills.Customers.IContactLog>(), sp.GetService<OperatorRelay>(), sp.GetServices<IOperatorTurns>()));
        return services;
    }
}
