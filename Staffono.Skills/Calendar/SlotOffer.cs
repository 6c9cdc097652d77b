namespace Staffono.Skills.Calendar;

/// <summary>
/// The slots offered for a request. <see cref="OnRequestedDay"/> is false when nothing was free when
/// asked and these are the nearest alternatives. <see cref="Gap"/> says why the asked time is not among
/// them — also for an exact time whose neighbours are offered («в 8» when the day starts at 10) — so the
/// dialog can say it honestly ("closed that day" is not "fully booked"), with the day's hours when known.
/// </summary>
public sealed record SlotOffer(IReadOnlyList<Slot> Slots, bool OnRequestedDay, SlotGap Gap = SlotGap.None, TimeOnly? Opens = null, TimeOnly? Closes = null);

/// <summary>Why nothing was offered at the time asked.</summary>
public enum SlotGap
{
    /// <summary>Something was free when asked.</summary>
    None,

    /// <summary>Someone works then, but every slot is booked or held.</summary>
    FullyBooked,

    /// <summary>The day is open, but nobody doing this service works at the asked time (see <see cref="SlotOffer.Opens"/>).</summary>
    NotWorkingThen,

    /// <summary>Nobody doing this service works that day: a closed day, a day off, or a weekday without hours.</summary>
    Closed,

    /// <summary>The asked time has passed or is closer than the booking lead time.</summary>
    TooSoon,
}
