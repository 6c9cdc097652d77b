namespace Staffono.Skills.Calendar;

/// <summary>What asking to hold a slot came to.</summary>
public enum HoldStatus
{
    /// <summary>The slot is kept for the customer until the hold expires.</summary>
    Held,

    /// <summary>Someone else booked or holds it: offer other times.</summary>
    Taken,

    /// <summary>
    /// The slot is free, but others' holds already cover as much of that staff member's day as holds may;
    /// the customer goes on without a hold, and booking settles any race (see <see cref="CalendarPlugin.HoldAsync"/>).
    /// </summary>
    NotHeld,
}
