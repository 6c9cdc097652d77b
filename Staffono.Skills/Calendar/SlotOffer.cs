namespace Staffono.Skills.Calendar;

/// <summary>
/// The slots offered for a request. <see cref="OnRequestedDay"/> is false when nothing was free when
/// asked and these are the nearest alternatives on other days — the dialog says so plainly.
/// </summary>
public sealed record SlotOffer(IReadOnlyList<Slot> Slots, bool OnRequestedDay);
