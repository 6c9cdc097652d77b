using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>An operator's action: how it went, the ticket as it is now, and, when it did not go, why in the operators' language.</summary>
public sealed record DeskResult(DeskOutcome Outcome, HandoffRecord? Ticket, string? Problem = null)
{
    public bool Succeeded => Outcome == DeskOutcome.Done;
}
