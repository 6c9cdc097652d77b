using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Support;

/// <summary>Returns and refunds (WORKFLOWS.md §4).</summary>
public sealed class ReturnsWorkflow(ReturnDialog dialog) : Workflow
{
    public const string WorkflowName = "returns";

    public override string Name => WorkflowName;

    public override IReadOnlyList<Dialog> Dialogs { get; } = [dialog];

    public override IReadOnlyList<WorkflowEntry> Entries { get; } = [WorkflowEntry.OnIntent(Intents.Return, ReturnDialog.DialogId, dc => dc.Context.Activity.Text)];
}
