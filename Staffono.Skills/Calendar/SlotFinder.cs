using Staffono.Skills.Business;
using Staffono.Skills.Understanding;

namespace Staffono.Skills.Calendar;

/// <summary>
/// Availability = working hours − bookings − active holds − lead time, within the horizon, and the
/// choice of 2–4 concrete slots nearest what the customer asked, honouring its granularity: a day →
/// spread over that day; an hour → that hour and its neighbours; a part of the day → within it; a
/// week → spread over the week; nothing free then → other free times that day, then the nearest days.
/// </summary>
public sealed class SlotFinder(BusinessProfile profile)
{
    public const int MaxOffered = 3;

    /// <summary>Finds slots for <paramref name="serviceId"/> near <paramref name="wanted"/> (local time).</summary>
    /// <param name="busy">Bookings and live holds per staff member, as local-time intervals.</param>
    /// <param name="now">The current local time of the business.</param>
    /// <param name="staffId">Only this staff member's time («к Ирине»), or anyone's when null.</param>
    public SlotOffer Find(string serviceId, string? locationId, DateTimeResolution wanted, IReadOnlyList<Slot> busy, DateTime now, string? staffId = null)
    {
        var service = profile.Services.FirstOrDefault(s => s.Id == serviceId) ?? throw new ArgumentException($"Unknown service '{serviceId}'.", nameof(serviceId));
        var earliest = now + profile.Booking.MinLeadTime;
        var horizonEnd = now.Date.AddDays(profile.Booking.HorizonDays + 1);
        var (windowStart, windowEnd) = Window(wanted);

        var inWindow = Candidates(service, locationId, staffId, windowStart.Date, windowEnd, busy, earliest, horizonEnd)
            .Where(s => s.Start >= windowStart && s.Start < windowEnd).ToList();
        if (inWindow.Count > 0)
        {
            // «в 8 утра» when the day starts at 10: the nearest times, and the honest reason the asked one is not among them.
            var exact = wanted.Granularity is DateTimeGranularity.Hour or DateTimeGranularity.Minute;
            var gap = !exact ? SlotGap.None
                : wanted.Start < earliest ? SlotGap.TooSoon
                : !Working(service, locationId, staffId, wanted.Start, wanted.Start.AddMinutes(1)).Any() ? SlotGap.NotWorkingThen
                : SlotGap.None;
            if (gap != SlotGap.None)
            {
                var (open, close) = OpeningHours(service, locationId, staffId, wanted.Start.Date);
                return new SlotOffer(Choose(inWindow, wanted), OnRequestedDay: true, gap, open, close);
            }

            return new SlotOffer(Choose(inWindow, wanted), OnRequestedDay: true);
        }

        // Nothing then. The customer named a day, so its other free times nearest the asked one come first
        // (up to two), then the nearest free slot of each following day, so they still see a real choice.
        // Days are searched one at a time and the search stops when the offer is full.
        var wantedDay = wanted.Start.Date;
        var after = Candidates(service, locationId, staffId, wantedDay, wantedDay.AddDays(1), busy, earliest, horizonEnd)
            .Where(s => s.Start < windowStart || s.Start >= windowEnd)
            .OrderBy(s => Math.Abs((s.Start - wanted.Start).Ticks))
            .Take(MaxOffered - 1)
            .OrderBy(s => s.Start)
            .ToList();
        var firstDay = windowEnd.Date > wantedDay ? windowEnd.Date : wantedDay.AddDays(1);
        for (var day = firstDay; day < horizonEnd && after.Count < MaxOffered; day = day.AddDays(1))
        {
            var best = Candidates(service, locationId, staffId, day, day.AddDays(1), busy, earliest, horizonEnd)
                .Where(s => s.Start >= windowEnd)
                .OrderBy(s => Math.Abs((s.Start.TimeOfDay - wanted.Start.TimeOfDay).Ticks))
                .FirstOrDefault();
            if (best is not null)
            {
                after.Add(best);
            }
        }

        // Nothing after it (the asked day is near the end of the horizon): the nearest free days before it.
        for (var day = wantedDay.AddDays(-1); wantedDay < horizonEnd && day >= now.Date && after.Count < MaxOffered; day = day.AddDays(-1))
        {
            var best = Candidates(service, locationId, staffId, day, day.AddDays(1), busy, earliest, horizonEnd)
                .OrderBy(s => Math.Abs((s.Start.TimeOfDay - wanted.Start.TimeOfDay).Ticks))
                .FirstOrDefault();
            if (best is not null)
            {
                after.Add(best);
            }
        }

        var (opens, closes) = OpeningHours(service, locationId, staffId, wantedDay);
        return new SlotOffer(after.OrderBy(s => s.Start).ToList(), OnRequestedDay: false, Gap(service, locationId, staffId, windowStart, windowEnd, earliest), opens, closes);
    }

    /// <summary>Why the window had nothing free: too soon, nobody working that day, nobody working then, or all taken.</summary>
    private SlotGap Gap(Service service, string? locationId, string? staffId, DateTime windowStart, DateTime windowEnd, DateTime earliest)
    {
        if (windowEnd <= earliest)
        {
            return SlotGap.TooSoon;
        }

        if (Working(service, locationId, staffId, windowStart, windowEnd).Any())
        {
            return SlotGap.FullyBooked;
        }

        return Working(service, locationId, staffId, windowStart.Date, windowStart.Date.AddDays(1)).Any() ? SlotGap.NotWorkingThen : SlotGap.Closed;
    }

    /// <summary>When the first of the staff doing this service starts and the last one ends that day; null when nobody works.</summary>
    private (TimeOnly? Opens, TimeOnly? Closes) OpeningHours(Service service, string? locationId, string? staffId, DateTime day)
    {
        var spans = Working(service, locationId, staffId, day, day.AddDays(1)).ToList();
        return spans.Count == 0 ? (null, null) : (TimeOnly.FromDateTime(spans.Min(s => s.From)), TimeOnly.FromDateTime(spans.Max(s => s.To)));
    }

    /// <summary>Working spans of staff doing the service that overlap [from, to), ignoring bookings.</summary>
    private IEnumerable<(DateTime From, DateTime To)> Working(Service service, string? locationId, string? staffId, DateTime from, DateTime to)
    {
        for (var day = from.Date; day < to; day = day.AddDays(1))
        {
            foreach (var (_, hours) in Shifts(service, locationId, staffId, day))
            {
                var (start, end) = (day + hours.From.ToTimeSpan(), day + hours.To.ToTimeSpan());
                if (start < to && end > from)
                {
                    yield return (start, end);
                }
            }
        }
    }

    /// <summary>Who works which hours on <paramref name="day"/> doing the service (at the location, if given): none on a closed day or a day off.</summary>
    private IEnumerable<(StaffMember Staff, WorkingHours Hours)> Shifts(Service service, string? locationId, string? staffId, DateTime day)
    {
        var date = DateOnly.FromDateTime(day);
        if (profile.ClosedDays.Contains(date))
        {
            yield break;
        }

        foreach (var staff in profile.Staff)
        {
            if ((staffId is not null && staff.Id != staffId) || !staff.ServiceIds.Contains(service.Id) || staff.DaysOff.Contains(date))
            {
                continue;
            }

            foreach (var hours in staff.Hours.Where(h => h.Day == day.DayOfWeek && service.LocationIds.Contains(h.LocationId) && (locationId is null || h.LocationId == locationId)))
            {
                yield return (staff, hours);
            }
        }
    }

    /// <summary>Every free start for the service, by step, in [from, to), earliest first.</summary>
    internal IEnumerable<Slot> Candidates(Service service, string? locationId, string? staffId, DateTime from, DateTime to, IReadOnlyList<Slot> busy, DateTime earliest, DateTime horizonEnd)
    {
        var step = profile.Booking.SlotStep;
        // Only what overlaps the searched days matters; a 90-day calendar would otherwise be regrouped for every day.
        var busyByStaff = new Dictionary<string, List<Slot>>(StringComparer.Ordinal);
        foreach (var b in busy)
        {
            if (b.Start < to && b.End > from)
            {
                if (!busyByStaff.TryGetValue(b.StaffId, out var list))
                {
                    busyByStaff[b.StaffId] = list = [];
                }

                list.Add(b);
            }
        }

        for (var day = from.Date; day < to && day < horizonEnd; day = day.AddDays(1))
        {
            var starts = new SortedDictionary<DateTime, Slot>();
            foreach (var (staff, hours) in Shifts(service, locationId, staffId, day))
            {
                var end = day + hours.To.ToTimeSpan();
                for (var start = day + hours.From.ToTimeSpan(); start + service.Duration <= end; start += step)
                {
                    if (start < earliest || starts.ContainsKey(start))
                    {
                        continue;
                    }

                    var slot = new Slot(service.Id, staff.Id, hours.LocationId, start, start + service.Duration);
                    if (!busyByStaff.TryGetValue(staff.Id, out var taken) || !taken.Any(b => b.Start < slot.End && slot.Start < b.End))
                    {
                        starts[start] = slot;
                    }
                }
            }

            foreach (var slot in starts.Values)
            {
                yield return slot;
            }
        }
    }

    private static (DateTime Start, DateTime End) Window(DateTimeResolution wanted) => wanted.Granularity switch
    {
        DateTimeGranularity.Minute or DateTimeGranularity.Hour => (wanted.Start.AddHours(-2), wanted.Start.AddHours(3)),
        DateTimeGranularity.PartOfDay => (wanted.Start, wanted.Start.AddHours(wanted.Start.Hour >= 18 ? 4 : wanted.Start.Hour >= 13 ? 5 : 4)),
        DateTimeGranularity.Week => (wanted.Start, wanted.Start.AddDays(7)),
        _ => (wanted.Start.Date, wanted.Start.Date.AddDays(1)),
    };

    private static List<Slot> Choose(List<Slot> free, DateTimeResolution wanted)
    {
        if (wanted.Granularity is DateTimeGranularity.Minute or DateTimeGranularity.Hour)
        {
            // The asked time if free, and its nearest neighbours.
            return free.OrderBy(s => Math.Abs((s.Start - wanted.Start).Ticks)).ThenBy(s => s.Start).Take(MaxOffered).OrderBy(s => s.Start).ToList();
        }

        if (wanted.Granularity == DateTimeGranularity.Week)
        {
            var perDay = free.GroupBy(s => s.Start.Date).Select(g => g.First()).ToList();
            return Spread(perDay.Count >= 2 ? perDay : free);
        }

        return Spread(free);
    }

    /// <summary>First, middle and last: choices across the whole window rather than three neighbours.</summary>
    private static List<Slot> Spread(List<Slot> free)
    {
        if (free.Count <= MaxOffered)
        {
            return free;
        }

        return [free[0], free[free.Count / 2], free[^1]];
    }
}
