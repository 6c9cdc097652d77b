using Staffono.Skills.Analytics;

namespace Staffono.Dialogs.Workflows;

/// <summary>What every workflow dialog is given: where outcomes go, who takes handoffs, and the clock.</summary>
public sealed record WorkflowServices(IOutcomeLog Outcomes, IHandoff Handoff, TimeProvider Time);
