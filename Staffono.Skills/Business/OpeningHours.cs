namespace Staffono.Skills.Business;

/// <summary>
/// When the business is open, read from who works when: open while anyone of the staff has a shift at any
/// location, closed on the profile's closed days. A handoff's claim window runs only while someone is there.
/// </summary>
public sealed class OpeningHours(BusinessProfile profile)
{
    /// <summary>How far ahead to look for the next opening (a long holiday, a seasonal business).</summary>
    private const int LookAheadDays = 60;

    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, profile.TimeZone).DateTime;
        return ShiftsOn(DateOnly.FromDateTime(local)).Any(s => s.From <= local && local < s.To);
    }

    /// <summary><paramref name="at"/> itself when open; else the next time someone starts work; null when nobody works in the next 60 days.</summary>
    public DateTimeOffset? NextOpen(DateTimeOffset at)
    {
        if (IsOpen(at))
        {
            return at;
        }

        var local = TimeZoneInfo.ConvertTime(at, profile.TimeZone).DateTime;
        for (var day = 0; day <= LookAheadDays; day++)
        {
            var date = DateOnly.FromDateTime(local).AddDays(day);
            var start = ShiftsOn(date).Select(s => s.From).Where(from => from > local).Order().FirstOrDefault();
            if (start != default)
            {
                return new DateTimeOffset(start, profile.TimeZone.GetUtcOffset(start));
            }
        }

        return null;
    }

    private IEnumerable<(DateTime From, DateTime To)> ShiftsOn(DateOnly date)
    {
        if (profile.ClosedDays.Contains(date))
        {
            yield break;
        }

        var day = date.ToDateTime(TimeOnly.MinValue);
        foreach (var staff in profile.Staff)
        {
            if (staff.DaysOff.Contains(date))
            {
                continue;
            }

            foreach (var hours in staff.Hours.Where(h => h.Day == date.DayOfWeek))
            {
                yield return (day + hours.From.ToTimeSpan(), day + hours.To.ToTimeSpan());
            }
        }
    }
}
