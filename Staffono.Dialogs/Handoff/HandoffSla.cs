using Staffono.Skills.Business;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// By when a person should take a ticket: within the claim window while the business is open (half of it
/// for urgent ones); outside opening hours the window starts when the business opens.
/// </summary>
public sealed class HandoffSla(OpeningHours hours, TimeSpan claimWithin)
{
    public TimeSpan Window(HandoffPriority priority) => priority == HandoffPriority.Urgent ? claimWithin / 2 : claimWithin;

    /// <summary>When someone is there to take it (now, when open); null when nobody works in the next weeks.</summary>
    public DateTimeOffset? AttendedFrom(DateTimeOffset now) => hours.NextOpen(now);

    public DateTimeOffset ClaimBy(DateTimeOffset now, HandoffPriority priority) =>
        (hours.NextOpen(now) ?? now) + Window(priority);

    public bool IsOpen(DateTimeOffset now) => hours.IsOpen(now);
}
