using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Support;

/// <summary>Support triage (WORKFLOWS.md §8): product and business questions, complaints and damage.</summary>
public sealed class SupportWorkflow(QuestionDialog question, ComplaintDialog complaint) : Workflow
{
    public const string WorkflowName = "support";

    public override string Name => WorkflowName;

    public override IReadOnlyList<Dialog> Dialogs { get; } = [question, complaint];

    public override IReadOnlyList<WorkflowEntry> Entries { get; } =
    [
        WorkflowEntry.OnIntent(Intents.ProductQuestion, QuestionDialog.DialogId, dc => dc.Context.Activity.Text),
        WorkflowEntry.OnIntent(Intents.Complaint, ComplaintDialog.DialogId, dc => dc.Context.Activity.Text),
    ];
}
