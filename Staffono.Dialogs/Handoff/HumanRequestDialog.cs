using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// «Позовите оператора», "talk to a human", the help menu's button, or the bot failing the customer: the
/// conversation goes to a person right away, with the reason and the transcript. No questions first — a
/// customer who asked for a person should not be made to talk the bot into it.
/// </summary>
public sealed class HumanRequestDialog : WorkflowDialog
{
    public const string DialogId = "human.request";

    public HumanRequestDialog(WorkflowServices services)
        : base(DialogId, HumanRequestWorkflow.WorkflowName, services)
    {
        AddDialog(new WaterfallDialog(DialogId + ".steps", [HandOverAsync]));
    }

    /// <summary>The options: why (when the bot, not the customer, decided a person should help).</summary>
    private Task<DialogTurnResult> HandOverAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var reason = step.GetOptions<string>() ?? "the customer asked for a person: " + step.Context.Activity.Text;
        return HandOffAsync(step, reason, new Dictionary<string, string>(), cancellationToken);
    }
}
