namespace Staffono.Skills.Calendar;

/// <summary>What goes into a calendar invite for one booking.</summary>
public sealed record CalendarInvite(
    string Uid,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Summary,
    string? Location,
    string? Description,
    IReadOnlyList<TimeSpan> RemindersBefore);
