using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Leads;

/// <summary>Lead qualification and quote → payment → job (WORKFLOWS.md §2 and §7): a price question starts it; the stars under the after-job message rate it.</summary>
public sealed class LeadsWorkflow(LeadDialog lead, RatingDialog rating) : Workflow
{
    public const string WorkflowName = "leads";

    public override string Name => WorkflowName;

    public override IReadOnlyList<Dialog> Dialogs { get; } = [lead, rating];

    public override IReadOnlyList<WorkflowEntry> Entries { get; } =
    [
        WorkflowEntry.OnIntent(Intents.Pricing, LeadDialog.DialogId, dc => dc.Context.Activity.Text),
        .. RatingDialog.Stars.Select(stars => WorkflowEntry.OnButton(RatingDialog.StarsKey(stars), (dc, ct) => dc.BeginDialogAsync(RatingDialog.DialogId, stars, ct))),
    ];
}
