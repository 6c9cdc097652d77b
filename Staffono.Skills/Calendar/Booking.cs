using Staffono.Skills.Customers;

namespace Staffono.Skills.Calendar;

/// <summary>
/// A confirmed booking. <see cref="IcsToken"/> is the unguessable part of its calendar-invite URL.
/// Moving a booking makes a new one in the same <see cref="Series"/> with the next <see cref="Sequence"/>
/// (the old one is cancelled); the series names the calendar event, the sequence orders its versions.
/// </summary>
/// <param name="Notes">For the people doing the work: a job's address, how to get in, what was agreed.</param>
public sealed record Booking(string Id, Slot Slot, Customer Customer, string IcsToken, bool Cancelled = false, string? SeriesId = null, int Sequence = 0, string? Notes = null)
{
    /// <summary>The series this booking belongs to; a booking never moved is its own series.</summary>
    public string Series => SeriesId ?? Id;
}
