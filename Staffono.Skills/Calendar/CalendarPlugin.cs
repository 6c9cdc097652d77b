using Staffono.Skills.Customers;
using System.ComponentModel;
using Microsoft.SemanticKernel;
using Staffono.Skills.Ai;
using Staffono.Skills.Business;
using Staffono.Skills.Understanding;

namespace Staffono.Skills.Calendar;

/// <summary>
/// The calendar as a capability and a kernel plugin ("calendar"). Availability is read-only and may be
/// offered to a model as a tool. Holding, booking and cancelling — and reading a customer's own bookings,
/// whose identity comes from the channel, never from a model — demand a <see cref="DialogGrant"/>: they
/// run from the booking dialogs, after the customer confirmed, and the kernel refuses them to a model.
/// </summary>
public sealed class CalendarPlugin(BusinessProfile profile, ICalendarStore store, TimeProvider time)
{
    private readonly SlotFinder _finder = new(profile);

    /// <summary>The business's local time now.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTime(time.GetUtcNow(), profile.TimeZone).DateTime;

    [KernelFunction("find_free_slots"), ModelMayCall]
    [Description("Finds 2-3 free appointment slots for a service near the requested moment. Read-only.")]
    public Task<SlotOffer> FreeSlotsAsync(
        [Description("The service id from the business profile, e.g. 'haircut'.")] string serviceId,
        [Description("The location id, or null for any location.")] string? locationId,
        [Description("The requested moment in the business's local time, and how precise it is.")] DateTimeResolution wanted,
        CancellationToken cancellationToken = default) =>
        FindSlotsAsync(serviceId, locationId, wanted, null, null, cancellationToken);

    /// <summary>Free slots near the requested moment (with <paramref name="staffId"/> only, when given); <paramref name="customerKey"/>'s own hold does not block them.</summary>
    public async Task<SlotOffer> FindSlotsAsync(string serviceId, string? locationId, DateTimeResolution wanted, string? customerKey = null, string? staffId = null, CancellationToken cancellationToken = default)
    {
        var now = LocalNow;
        var busy = await store.BusyAsync(now.Date, now.Date.AddDays(profile.Booking.HorizonDays + 2), customerKey, cancellationToken);
        return _finder.Find(serviceId, locationId, wanted, busy, now, staffId);
    }

    /// <summary>
    /// Keeps a slot while the customer confirms. Dialog only. Holds are what strangers could abuse to make
    /// a calendar look full, so there are bounds beyond each customer having one hold at a time: holds
    /// of others may cover at most half of a staff member's working day. Past that, the customer goes on
    /// without a hold (<see cref="HoldStatus.NotHeld"/>) and the booking itself stays race-safe.
    /// </summary>
    [KernelFunction("hold"), DialogOnly]
    public Task<HoldResult> HoldAsync(Slot slot, Customer customer, DialogGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return store.HoldAsync(slot, customer.Key, profile.Booking.HoldDuration, MaxHeld(slot), cancellationToken);
    }

    /// <summary>Half the staff member's working time that day (at least one slot, so a short day can still be held).</summary>
    private TimeSpan MaxHeld(Slot slot)
    {
        var staff = profile.Staff.FirstOrDefault(s => s.Id == slot.StaffId);
        var working = staff?.Hours.Where(h => h.Day == slot.Start.DayOfWeek).Aggregate(TimeSpan.Zero, (sum, h) => sum + (h.To - h.From)) ?? TimeSpan.Zero;
        var half = working / 2;
        return half > slot.End - slot.Start ? half : slot.End - slot.Start;
    }

    /// <summary>Books a confirmed slot (moving <paramref name="replacesBookingId"/> if given).</summary>
    [KernelFunction("book"), DialogOnly]
    public Task<Booking?> BookAsync(Slot slot, Customer customer, string? replacesBookingId, DialogGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return store.BookAsync(slot, customer, replacesBookingId, null, cancellationToken);
    }

    /// <summary>Books a paid job with the notes its crew needs (address, access). Dialog only: the payment confirmed it.</summary>
    [KernelFunction("book_job"), DialogOnly]
    public Task<Booking?> BookJobAsync(Slot slot, Customer customer, string notes, DialogGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return store.BookAsync(slot, customer, null, notes, cancellationToken);
    }

    /// <summary>The customer's own upcoming bookings (who the customer is comes from the channel, so a model never chooses it).</summary>
    [KernelFunction("upcoming_bookings"), DialogOnly]
    public Task<IReadOnlyList<Booking>> UpcomingAsync(Customer customer, DialogGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return store.BookingsOfAsync(customer, LocalNow, cancellationToken);
    }

    /// <summary>Cancels one of the customer's own bookings; false for anything else.</summary>
    [KernelFunction("cancel"), DialogOnly]
    public Task<bool> CancelAsync(string bookingId, Customer customer, DialogGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return store.CancelAsync(bookingId, customer, cancellationToken);
    }

    /// <summary>
    /// The calendar invite behind the unguessable token in its URL; null when there is none. Any version's
    /// link serves the series' latest state: a moved booking's new time (same UID, higher SEQUENCE), or a
    /// cancellation, so a calendar that imported the invite can update or remove its event.
    /// </summary>
    public async Task<string?> InviteAsync(string token, CancellationToken cancellationToken = default)
    {
        var issued = await store.FindByIcsTokenAsync(token, cancellationToken);
        if (issued is null)
        {
            return null;
        }

        var booking = await store.LatestInSeriesAsync(issued.Series, cancellationToken) ?? issued;
        var service = profile.Services.FirstOrDefault(s => s.Id == booking.Slot.ServiceId);
        var location = profile.Locations.FirstOrDefault(l => l.Id == booking.Slot.LocationId);
        var staff = profile.Staff.FirstOrDefault(s => s.Id == booking.Slot.StaffId);
        var serviceRu = service?.Name.Ru ?? booking.Slot.ServiceId;
        return IcsWriter.Write(
            new CalendarInvite(
                booking.Series + "@staffono",
                new DateTimeOffset(booking.Slot.Start, profile.TimeZone.GetUtcOffset(booking.Slot.Start)),
                new DateTimeOffset(booking.Slot.End, profile.TimeZone.GetUtcOffset(booking.Slot.End)),
                $"{serviceRu} / {service?.Name.En ?? booking.Slot.ServiceId} — {profile.Name}",
                location is null ? null : $"{location.Address.Ru} / {location.Address.En}",
                $"{serviceRu}, {staff?.Name ?? booking.Slot.StaffId}. {location?.Name.Ru ?? booking.Slot.LocationId}.",
                [TimeSpan.FromHours(24), TimeSpan.FromHours(2)],
                // A cancellation outranks the version it cancels.
                booking.Cancelled ? booking.Sequence + 1 : booking.Sequence,
                booking.Cancelled),
            time.GetUtcNow());
    }
}
