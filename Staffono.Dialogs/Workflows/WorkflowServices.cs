using Staffono.Skills.Ai;
using Staffono.Skills.Analytics;

namespace Staffono.Dialogs.Workflows;

/// <summary>What every workflow dialog is given: where outcomes go, who takes handoffs, and the clock.</summary>
public sealed record WorkflowServices(IOutcomeLog Outcomes, IHandoff Handoff, TimeProvider Time)
{
    /// <summary>
    /// The grant side-effecting capabilities demand. Issued here, in dialog code, and nowhere else: a
    /// workflow's steps pass it when they act on what the customer confirmed.
    /// </summary>
    public DialogGrant Grant { get; } = new();
}
