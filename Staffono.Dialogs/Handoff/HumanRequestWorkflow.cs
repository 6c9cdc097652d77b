using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Handoff;

/// <summary>The customer asks for a person (the "human" intent): the conversation is handed over at once.</summary>
public sealed class HumanRequestWorkflow(HumanRequestDialog dialog) : Workflow
{
    public const string WorkflowName = "human";

    public override string Name => WorkflowName;

    public override IReadOnlyList<Dialog> Dialogs { get; } = [dialog];

    public override IReadOnlyList<WorkflowEntry> Entries { get; } = [WorkflowEntry.OnIntent(Intents.Human, HumanRequestDialog.DialogId)];
}
