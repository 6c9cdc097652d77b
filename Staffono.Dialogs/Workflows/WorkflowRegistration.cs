using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Staffono.Skills.Ai;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;

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
    public static IServiceCollection AddWorkflowPlatform(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The kernel over every workflow's capability plugins, with the side-effect guard on every call.
        services.AddStaffonoKernel();
        // The recorded handoff until an operator channel (Teams, the console) registers its own.
        services.TryAddSingleton<IHandoff>(sp => new RecordedHandoff(sp.GetRequiredService<IHandoffStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WorkflowServices(sp.GetRequiredService<IOutcomeLog>(), sp.GetRequiredService<IHandoff>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new MainDialog(sp.GetRequiredService<Skills.Understanding.IntentUnderstanding>(), sp.GetServices<Workflow>(), sp.GetService<Skills.Customers.IContactLog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new StaffonoBot(
            sp.GetRequiredService<Runtime.State.ConversationState>(), sp.GetRequiredService<Runtime.State.UserState>(), sp.GetRequiredService<MainDialog>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<Skills.Customers.IContactLog>()));
        return services;
    }
}
