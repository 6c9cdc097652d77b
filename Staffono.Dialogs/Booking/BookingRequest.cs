namespace Staffono.Dialogs.Booking;

/// <summary>
/// Everything the booking conversation knows so far; it travels as the waterfall's options, so a
/// restart of the waterfall (a correction, a slot taken meanwhile) asks only what is still missing.
/// </summary>
public sealed record BookingRequest
{
    /// <summary>The customer's first message, read once for service, location and moment.</summary>
    public string? FirstText { get; init; }

    public string? ServiceId { get; init; }

    public string? LocationId { get; init; }

    public DateTime? WantedStart { get; init; }

    /// <summary>The granularity name of <see cref="WantedStart"/> (DateTimeGranularity).</summary>
    public string? WantedGranularity { get; init; }

    /// <summary>The staff member the customer asked for («к Ирине»), or null for anyone.</summary>
    public string? StaffId { get; init; }

    public string? Name { get; init; }

    /// <summary>When rescheduling: the booking being moved.</summary>
    public string? ReplacesBookingId { get; init; }

    /// <summary>The slot the customer picked, as "staff|location|start ticks".</summary>
    public string? ChosenSlot { get; init; }

    /// <summary>The earliest and latest of the times last offered, for "earlier?" and "later?".</summary>
    public DateTime? EarliestOffered { get; init; }

    public DateTime? LatestOffered { get; init; }

    /// <summary>The last "later" or "earlier" asked among offered times (SlotWish name), so an empty answer says "nothing later".</summary>
    public string? Wish { get; init; }

    /// <summary>Replies to the offered times that were neither a pick nor a new wish, in a row.</summary>
    public int Misses { get; init; }
}
