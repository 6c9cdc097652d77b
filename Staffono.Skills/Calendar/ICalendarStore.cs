using Staffono.Skills.Customers;

namespace Staffono.Skills.Calendar;

/// <summary>
/// Where bookings and holds live. Times are the business's local time. An implementation must keep
/// booking race-safe: of several customers booking one staff member's overlapping time, exactly one wins.
/// A moved booking is a new version of the same series (same <see cref="Booking.Series"/>, next
/// <see cref="Booking.Sequence"/>), so calendar apps update the event instead of adding a second one.
/// </summary>
public interface ICalendarStore
{
    /// <summary>Booked and held time between <paramref name="from"/> and <paramref name="to"/>, per staff member; <paramref name="exceptHolder"/>'s own hold is left out.</summary>
    Task<IReadOnlyList<Slot>> BusyAsync(DateTime from, DateTime to, string? exceptHolder = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Holds <paramref name="slot"/> for <paramref name="holderKey"/> (replacing that holder's earlier hold) unless it is taken,
    /// or unless others' holds already cover <paramref name="maxHeldPerStaffDay"/> of that staff member's day.
    /// </summary>
    Task<HoldResult> HoldAsync(Slot slot, string holderKey, TimeSpan duration, TimeSpan maxHeldPerStaffDay, CancellationToken cancellationToken = default);

    /// <summary>
    /// Books <paramref name="slot"/> if it is still free (the customer's own hold does not count against it), moving <paramref name="replacesBookingId"/>
    /// when given; null otherwise. <paramref name="notes"/> are for the people doing the work (a job's address and how to get in).
    /// </summary>
    Task<Booking?> BookAsync(Slot slot, Customer customer, string? replacesBookingId = null, string? notes = null, CancellationToken cancellationToken = default);

    /// <summary>The customer's bookings starting after <paramref name="after"/>, matched by channel user or phone, earliest first.</summary>
    Task<IReadOnlyList<Booking>> BookingsOfAsync(Customer customer, DateTime after, CancellationToken cancellationToken = default);

    /// <summary>Cancels the booking only if it is this customer's; false otherwise, revealing nothing about whose it is.</summary>
    Task<bool> CancelAsync(string bookingId, Customer customer, CancellationToken cancellationToken = default);

    Task<Booking?> FindAsync(string bookingId, CancellationToken cancellationToken = default);

    /// <summary>The booking whose invite URL carries <paramref name="token"/>, cancelled or not.</summary>
    Task<Booking?> FindByIcsTokenAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>The latest version of a booking series: the live booking, or the last one if the series ended cancelled.</summary>
    Task<Booking?> LatestInSeriesAsync(string series, CancellationToken cancellationToken = default);
}
