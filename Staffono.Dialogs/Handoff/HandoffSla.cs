using Staffono.Skills.Business;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// By when a person should take a ticket: within the claim window (half of it for urgent ones), counted only while
/// the business is open — a ticket opened five minutes before closing is due five minutes after the next opening,
/// not in the middle of the night.
/// </summary>
public sealed class HandoffSla(OpeningHours hours, TimeSpan claimWithin)
{
    /// <summary>The step the open time is counted in; the claim window is minutes, not seconds.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    public TimeSpan Window(HandoffPriority priority) => priority == HandoffPriority.Urgent ? claimWithin / 2 : claimWithin;

    /// <summary>When someone is there to take it (now, when open); null when nobody works in the next weeks.</summary>
    public DateTimeOffset? AttendedFrom(DateTimeOffset now) => hours.NextOpen(now);

    public DateTimeOffset ClaimBy(DateTimeOffset now, HandoffPriority priority)
    {
        var left = Window(priority);
        var at = now;
        while (left > TimeSpan.Zero)
        {
            if (hours.IsOpen(at))
            {
                var step = left < Step ? left : Step;
                at += step;
                left -= step;
            }
            else if (hours.NextOpen(at) is { } opens)
            {
                at = opens;
            }
            else
            {
                // Nobody works in the coming weeks: the window runs on the clock, so the ticket still escalates.
                return at + left;
            }
        }

        return at;
    }

    public bool IsOpen(DateTimeOffset now) => hours.IsOpen(now);
}
