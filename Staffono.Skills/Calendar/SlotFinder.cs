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
    public SlotOffer Find(string serviceId, string? locationId, DateTimeResolution wanted, IReadOnlyList<Slot> busy, DateTime now)
    {
        var service = profile.Services.FirstOrDefault(s => s.Id == serviceId) ?? throw new ArgumentException($"Unknown service '{serviceId}'.", nameof(serviceId));
        var earliest = now + profile.Booking.MinLeadTime;
        var horizonEnd = now.Date.AddDays(profile.Booking.HorizonDays + 1);
        var (windowStart, windowEnd) = Window(wanted);

        var inWindow = Candidates(service, locationId, windowStart.Date, windowEnd, busy, earliest, horizonEnd)
            .Where(s => s.Start >= windowStart && s.Start < windowEnd).ToList();
        if (inWindow.Count > 0)
        {
            return new SlotOffer(Choose(inWindow, wanted), OnRequestedDay: true);
        }

        // Nothing then. The customer named a day, so its other free times nearest the asked one come first
        // (up to two), then the nearest free slot of each following day, so they still see a real choice.
        // Days are searched one at a time and the search stops when the offer is full.
        var wantedDay = wanted.Start.Date;
        var after = Candidates(service, locationId, wantedDay, wantedDay.AddDays(1), busy, earliest, horizonEnd)
            .Where(s => s.Start < windowStart || s.Start >= windowEnd)
            .OrderBy(s => Math.Abs((s.Start - wanted.Start).Ticks))
            .Take(MaxOffered - 1)
            .OrderBy(s => s.Start)
            .ToList();
        var firstDay = windowEnd.Date > wantedDay ? windowEnd.Date : wantedDay.AddDays(1);
        for (var day = firstDay; day < horizonEnd && after.Count < MaxOffered; day = day.AddDays(1))
        {
            var best = Candidates(service, locationId, day, day.AddDays(1), busy, earliest, horizonEnd)
                .Where(s => s.Start >= windowEnd)
                .OrderBy(s => Math.Abs((s.Start.TimeOfDay - wanted.Start.TimeOfDay).Ticks))
                .FirstOrDefault();
            if (best is not null)
            {
                after.Add(best);
            }
        }

        return new SlotOffer(after, OnRequestedDay: false);
    }

    /// <summary>Every free start for the service, by step, in [from, to), earliest first.</summary>
    internal IEnumerable<Slot> Candidates(Service service, string? locationId, DateTime from, DateTime to, IReadOnlyList<Slot> busy, DateTime earliest, DateTime horizonEnd)
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
            if (profile.ClosedDays.Contains(DateOnly.FromDateTime(day)))
            {
                continue;
            }

            var starts = new SortedDictionary<DateTime, Slot>();
            foreach (var staff in profile.Staff)
            {
                if (!staff.ServiceIds.Contains(service.Id) || staff.DaysOff.Contains(DateOnly.FromDateTime(day)))
                {
                    continue;
                }

                foreach (var hours in staff.Hours.Where(h => h.Day == day.DayOfWeek && service.LocationIds.Contains(h.LocationId) && (locationId is null || h.LocationId == locationId)))
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
