using System.Globalization;
using System.Text.RegularExpressions;

namespace Staffono.Skills.Understanding;

/// <summary>
/// A deliberately small date/time recognizer: today / tomorrow / the day after, a clock time
/// ("в 11", "at 3pm", "16:30"), parts of the day. It follows DATETIME.md for what it covers and
/// returns null for anything else (weekdays, dates, offsets). The full Russian/English recognizer
/// replaces it with the understanding issue; until then prompts that need more ask again.
/// </summary>
public sealed partial class BasicDateTimeRecognizer : IDateTimeRecognizer
{
    public DateTimeResolution? Recognize(string? text, DateTime reference)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        var words = normalized.Split(' ');
        int? dayOffset = words.Contains("послезавтра") ? 2
            : words.Contains("завтра") || words.Contains("zavtra") || words.Contains("tomorrow") || words.Contains("tmrw") ? 1
            : words.Contains("сегодня") || words.Contains("segodnya") || words.Contains("today") || words.Contains("tonight") ? 0
            : null;
        var partOfDay = PartOfDay(words);
        var clock = ClockTime(normalized, partOfDay);

        if (dayOffset is null && partOfDay is null && clock is null)
        {
            return null;
        }

        var day = reference.Date.AddDays(dayOffset ?? 0);
        if (clock is { } time)
        {
            var moment = day + time.Time;
            if (dayOffset is null && moment <= reference)
            {
                moment = moment.AddDays(1);
            }

            return new DateTimeResolution(moment, time.HasMinutes ? DateTimeGranularity.Minute : DateTimeGranularity.Hour);
        }

        if (partOfDay is { } part)
        {
            var moment = day + part;
            if (dayOffset is null && moment <= reference)
            {
                moment = moment.AddDays(1);
            }

            return new DateTimeResolution(moment, part == TimeSpan.FromHours(12) ? DateTimeGranularity.Hour : DateTimeGranularity.PartOfDay);
        }

        return new DateTimeResolution(day, DateTimeGranularity.Day);
    }

    private static TimeSpan? PartOfDay(string[] words)
    {
        if (words.Any(w => w is "утро" or "утром" or "утра" or "morning") || (words.Contains("до") && words.Contains("обеда")))
        {
            return TimeSpan.FromHours(9);
        }

        if ((words.Contains("после") && words.Contains("обеда")) || words.Contains("afternoon"))
        {
            return TimeSpan.FromHours(13);
        }

        if (words.Any(w => w is "вечер" or "вечером" or "вечера" or "evening" or "tonight"))
        {
            return TimeSpan.FromHours(18);
        }

        return words.Any(w => w is "полдень" or "noon") ? TimeSpan.FromHours(12) : null;
    }

    private static (TimeSpan Time, bool HasMinutes)? ClockTime(string normalized, TimeSpan? partOfDay)
    {
        var match = ClockPattern().Match(normalized);
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var hasMinutes = match.Groups["m"].Success;
        var minute = hasMinutes ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var marker = match.Groups["ampm"].Value;
        if (hour > 23 || minute > 59)
        {
            return null;
        }

        if (marker == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (marker == "am" && hour == 12)
        {
            hour = 0;
        }
        else if (marker.Length == 0)
        {
            // DATETIME.md rule 2: in a booking, 1–7 mean afternoon unless the words say morning.
            var morning = partOfDay == TimeSpan.FromHours(9);
            var evening = partOfDay is { } p && p >= TimeSpan.FromHours(13);
            if (hour is >= 1 and <= 7 && !morning)
            {
                hour += 12;
            }
            else if (evening && hour is >= 8 and <= 11)
            {
                hour += 12;
            }
        }

        return (new TimeSpan(hour, minute, 0), hasMinutes);
    }

    [GeneratedRegex(@"(?:^|\s)(?:в|к|на|at|v|после|after|около|around)?\s*(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<ampm>am|pm)?(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();
}
