namespace Staffono.Skills.Calendar;

/// <summary>
/// What goes into a calendar invite for one booking. <see cref="Uid"/> stays the same while a booking
/// moves and <see cref="Sequence"/> grows, so a calendar app updates its event; a cancelled invite
/// tells the app to remove it.
/// </summary>
public sealed record CalendarInvite(
    string Uid,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Summary,
    string? Location,
    string? Description,
    IReadOnlyList<TimeSpan> RemindersBefore,
    int Sequence = 0,
    bool Cancelled = false);
