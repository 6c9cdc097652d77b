using Staffono.Skills.Customers;
using System.ComponentModel;
using Staffono.Skills.Business;
using Staffono.Skills.Understanding;

namespace Staffono.Skills.Calendar;

/// <summary>
/// The calendar as a capability. Availability is read-only and may be offered to an LLM as a tool
/// (the methods carry <see cref="DescriptionAttribute"/>); holding and booking happen only from the
/// booking dialog, after the customer confirmed, never from a model.
/// </summary>
public sealed class CalendarPlugin(BusinessProfile profile, SqliteCalendarStore store, TimeProvider time)
{
    private readonly SlotFinder _finder = new(profile);

    /// <summary>The business's local time now.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTime(time.GetUtcNow(), profile.TimeZone).DateTime;

    [Description("Finds 2-3 free appointment slots for a service near the requested moment. Read-only.")]
    public async Task<SlotOffer> FindSlotsAsync(
        [Description("The service id from the business profile, e.g. 'haircut'.")] string serviceId,
        [Description("The location id, or null for any location.")] string? locationId,
        [Description("The requested moment in the business's local time, and how precise it is.")] DateTimeResolution wanted,
        [Description("The customer asking, whose own hold does not block them.")] string? customerKey = null,
        CancellationToken cancellationToken = default)
    {
        var now = LocalNow;
        var busy = await store.BusyAsync(now.Date, now.Date.AddDays(profile.Booking.HorizonDays + 2), customerKey, cancellationToken);
        return _finder.Find(serviceId, locationId, wanted, busy, now);
    }

    /// <summary>
    /// Keeps a slot while the customer confirms. Dialog only. Holds are what strangers could abuse to make
    /// a calendar look full, so there are bounds beyond each customer having one hold at a time: holds
    /// of others may cover at most half of a staff member's working day. Past that, the customer goes on
    /// without a hold (<see cref="HoldStatus.NotHeld"/>) and the booking itself stays race-safe.
    /// </summary>
    public Task<HoldResult> HoldAsync(Slot slot, Customer customer, CancellationToken cancellationToken = default) =>
        store.HoldAsync(slot, customer.Key, profile.Booking.HoldDuration, MaxHeld(slot), cancellationToken);

    /// <summary>Half the staff member's working time that day (at least one slot, so a short day can still be held).</summary>
    private TimeSpan MaxHeld(Slot slot)
    {
        var staff = profile.Staff.FirstOrDefault(s => s.Id == slot.StaffId);
        var working = staff?.Hours.Where(h => h.Day == slot.Start.DayOfWeek).Aggregate(TimeSpan.Zero, (sum, h) => sum + (h.To - h.From)) ?? TimeSpan.Zero;
        var half = working / 2;
        return half > slot.End - slot.Start ? half : slot.End - slot.Start;
    }

    /// <summary>Books a confirmed slot (moving <paramref name="replacesBookingId"/> if given). Dialog only.</summary>
    public Task<Booking?> BookAsync(Slot slot, Customer customer, string? replacesBookingId = null, CancellationToken cancellationToken = default) =>
        store.BookAsync(slot, customer, replacesBookingId, cancellationToken);

    [Description("Lists the customer's own upcoming bookings. Read-only.")]
    public Task<IReadOnlyList<Booking>> UpcomingAsync(Customer customer, CancellationToken cancellationToken = default) =>
        store.BookingsOfAsync(customer, LocalNow, cancellationToken);

    /// <summary>Cancels one of the customer's own bookings; false for anything else. Dialog only.</summary>
    public Task<bool> CancelAsync(string bookingId, Customer customer, CancellationToken cancellationToken = default) =>
        store.CancelAsync(bookingId, customer, cancellationToken);

    /// <summary>The calendar invite of a booking, by the unguessable token in its URL; null when there is none.</summary>
    public async Task<string?> InviteAsync(string token, CancellationToken cancellationToken = default)
    {
        var booking = await store.FindByIcsTokenAsync(token, cancellationToken);
        if (booking is null || booking.Cancelled)
        {
            return null;
        }

        var service = profile.Services.First(s => s.Id == booking.Slot.ServiceId);
        var location = profile.Locations.First(l => l.Id == booking.Slot.LocationId);
        var staff = profile.Staff.First(s => s.Id == booking.Slot.StaffId);
        var offset = profile.TimeZone.GetUtcOffset(booking.Slot.Start);
        return IcsWriter.Write(
            new CalendarInvite(
                booking.Id + "@staffono",
                new DateTimeOffset(booking.Slot.Start, offset),
                new DateTimeOffset(booking.Slot.End, profile.TimeZone.GetUtcOffset(booking.Slot.End)),
                $"{service.Name.Ru} / {service.Name.En} — {profile.Name}",
                $"{location.Address.Ru} / {location.Address.En}",
                $"{service.Name.Ru}, {staff.Name}. {location.Name.Ru}.",
                [TimeSpan.FromHours(24), TimeSpan.FromHours(2)]),
            time.GetUtcNow());
    }
}
