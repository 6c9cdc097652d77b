using System.Globalization;
using System.Text.RegularExpressions;

namespace Staffono.Skills.Understanding;

/// <summary>
/// Reads when a customer wants to come, in Russian or English (Latin-typed Russian included), by the
/// rules of DATETIME.md: days (today, tomorrow, weekdays, "next ...", weekends, dates, days of month,
/// offsets), clock times (with am/pm, "5 вечера", "полчетвёртого", "без пятнадцати 5", "half past 3"),
/// and parts of the day. Each rule's number from DATETIME.md is noted where it is applied.
/// </summary>
public sealed partial class DateTimeRecognizer : IDateTimeRecognizer
{
    private static readonly TimeSpan Morning = TimeSpan.FromHours(9);
    private static readonly TimeSpan Afternoon = TimeSpan.FromHours(13);
    private static readonly TimeSpan Evening = TimeSpan.FromHours(18);
    private static readonly TimeSpan Noon = TimeSpan.FromHours(12);

    public DateTimeResolution? Recognize(string? text, DateTime reference) => Recognize(text, reference, null);

    public DateTimeResolution? Recognize(string? text, DateTime reference, DateTime? dayInContext)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return null;
        }

        var joined = " " + string.Join(' ', words) + " ";

        // Rule 6: offsets in hours or minutes are exact moments.
        if (TimeOffset(words) is { } offset)
        {
            return new DateTimeResolution(reference + offset, DateTimeGranularity.Minute);
        }

        var part = PartOfDay(words, joined, out var tonight);
        var clock = ClockTime(words, joined, part);
        var (day, dayGranularity) = Day(words, joined, reference);
        if (tonight && day is null)
        {
            day = reference.Date;
        }

        if (day is null && dayInContext is { } context && context.Date >= reference.Date && (clock is not null || part is not null))
        {
            day = context.Date;
        }

        if (clock is { } time)
        {
            if (day is { } date)
            {
                return new DateTimeResolution(date + time.Time, time.Granularity);
            }

            // Rule 13: a time alone is its first occurrence after the moment of writing.
            var today = reference.Date + time.Time;
            return new DateTimeResolution(today > reference ? today : today.AddDays(1), time.Granularity);
        }

        if (part is { } start)
        {
            var granularity = start == Noon ? DateTimeGranularity.Hour : DateTimeGranularity.PartOfDay;
            if (day is { } date)
            {
                return new DateTimeResolution(date + start, granularity);
            }

            var today = reference.Date + start;
            return new DateTimeResolution(today > reference ? today : today.AddDays(1), granularity);
        }

        return day is { } onlyDay ? new DateTimeResolution(onlyDay, dayGranularity) : null;
    }

    /// <summary>Normalized words; Latin-typed Russian words that the rules use are read as Cyrillic (rule 14).</summary>
    private static List<string> Words(string? text)
    {
        var result = new List<string>();
        foreach (var word in TextNormalizer.Words(text?.Replace("-го", " го", StringComparison.OrdinalIgnoreCase)))
        {
            var cleaned = word.Trim('.', ',');
            if (cleaned.Length == 0)
            {
                continue;
            }

            cleaned = Typos.GetValueOrDefault(cleaned, cleaned);
            result.Add(Transliterator.ToCyrillic(cleaned) is { } cyrillic && Typos.GetValueOrDefault(cyrillic, cyrillic) is var read && IsRussianRuleWord(read) ? Canonical(read) : cleaned);
        }

        return result;
    }

    private static bool IsRussianRuleWord(string word) =>
        RussianWords.Contains(word) || Months.ContainsKey(word) || Weekdays.ContainsKey(word) || word.StartsWith("след", StringComparison.Ordinal)
        || (word.StartsWith("пол", StringComparison.Ordinal) && OrdinalHours.ContainsKey(word[3..]));

    /// <summary>Latin spellings differ ("sleduyushei", "sleduyuschey"); the rule words are matched in one form.</summary>
    private static string Canonical(string word) => word.StartsWith("след", StringComparison.Ordinal) && word.Length > 4 ? "следующей" : word;

    private static TimeSpan? TimeOffset(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is not ("через" or "in"))
            {
                continue;
            }

            var rest = words.Skip(i + 1).Take(3).ToList();
            if (rest.Count == 0)
            {
                continue;
            }

            if (rest[0] is "полчаса" || (rest.Count >= 3 && rest[0] == "half" && rest[1] == "an" && rest[2] == "hour"))
            {
                return TimeSpan.FromMinutes(30);
            }

            var (amount, unitIndex) = rest[0] is "an" or "a" ? (1L, 1) : NumberRecognizer.Recognize(rest[0]) is { } n ? (n, 1) : (1L, 0);
            if (unitIndex >= rest.Count)
            {
                continue;
            }

            var unit = rest[unitIndex];
            if (unit.StartsWith("час", StringComparison.Ordinal) || unit is "hour" or "hours" or "hr" or "hrs" or "h")
            {
                return TimeSpan.FromHours(amount);
            }

            if (unit.StartsWith("минут", StringComparison.Ordinal) || unit is "minute" or "minutes" or "min" or "mins")
            {
                return TimeSpan.FromMinutes(amount);
            }
        }

        return null;
    }

    /// <summary>Rule 1: the start of a named part of the day.</summary>
    private static TimeSpan? PartOfDay(List<string> words, string joined, out bool tonight)
    {
        tonight = words.Contains("tonight") || joined.Contains(" this evening ", StringComparison.Ordinal) || joined.Contains(" сегодня вечером ", StringComparison.Ordinal);
        if (words.Any(w => w is "полдень" or "полудня" or "noon" or "midday"))
        {
            return Noon;
        }

        if (words.Any(w => w is "утро" or "утром" or "утра" or "morning") || joined.Contains(" с утра ", StringComparison.Ordinal) || joined.Contains(" до обеда ", StringComparison.Ordinal))
        {
            return Morning;
        }

        if (joined.Contains(" после обеда ", StringComparison.Ordinal) || words.Contains("afternoon") || words.Contains("днем") || HoursOfTheDay(words))
        {
            return Afternoon;
        }

        if (tonight || words.Any(w => w is "вечер" or "вечером" or "вечера" or "evening" or "ночи" or "night"))
        {
            return Evening;
        }

        return null;
    }

    /// <summary>"3 дня" is three in the afternoon; "через 2 дня" is two days.</summary>
    private static bool HoursOfTheDay(List<string> words)
    {
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] == "дня" && int.TryParse(words[i - 1], CultureInfo.InvariantCulture, out var hour) && hour is >= 1 and <= 12
                && (i < 2 || words[i - 2] is not ("через" or "in")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rules 2–5: a clock time and how precise it is.</summary>
    private static (TimeSpan Time, DateTimeGranularity Granularity)? ClockTime(List<string> words, string joined, TimeSpan? part)
    {
        int hour, minute = 0;
        var granularity = DateTimeGranularity.Hour;
        string marker = string.Empty;

        if (HalfOrQuarter(joined) is { } spoken)
        {
            (hour, minute) = spoken;
            granularity = DateTimeGranularity.Minute;
        }
        else if (ClockMatch(joined) is { } match)
        {
            hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
            if (match.Groups["m"].Success)
            {
                minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
                granularity = DateTimeGranularity.Minute;
            }

            marker = match.Groups["ampm"].Value.Replace(".", string.Empty, StringComparison.Ordinal);
            var hasPreposition = match.Groups["pre"].Success;
            // A bare number is a time only with a preposition, minutes, am/pm or an "o'clock"/"часов"-like word after it.
            if (!hasPreposition && !match.Groups["m"].Success && marker.Length == 0 && !match.Groups["oclock"].Success)
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        if (hour > 24 || minute > 59)
        {
            return null;
        }

        var nightWord = words.Contains("ночи");
        var morningWord = words.Any(w => w is "утра" or "утром" or "morning") || joined.Contains(" с утра ", StringComparison.Ordinal);
        var laterWord = words.Any(w => w is "вечера" or "вечером" or "вечер" or "днем" or "evening" or "tonight" or "afternoon" or "night") || HoursOfTheDay(words)
            || joined.Contains(" после обеда ", StringComparison.Ordinal);
        if (marker == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (marker == "am")
        {
            hour %= 12;
        }
        else if (nightWord)
        {
            hour = hour == 12 ? 0 : hour is >= 9 and <= 11 ? hour + 12 : hour;
        }
        else if (morningWord)
        {
            hour %= 12;
        }
        else if (laterWord && hour < 12)
        {
            hour += 12;
        }
        else if (hour is >= 1 and <= 7)
        {
            // Rule 2: in a booking, 1–7 without a marker mean the afternoon.
            hour += 12;
        }

        _ = part;
        return hour == 24 ? null : (new TimeSpan(hour, minute, 0), granularity);
    }

    /// <summary>The first number that reads as a clock time, not as a day ("на 21-го", "15 марта") or an amount ("2 дня").</summary>
    private static Match? ClockMatch(string joined)
    {
        foreach (Match match in ClockPattern().Matches(joined))
        {
            var after = joined[(match.Index + match.Length)..].TrimStart();
            var next = after.Split(' ', 2)[0];
            var afternoonHour = next == "дня" && match.Groups["pre"].Value is "в" or "к" or "около" or "после" or "с" or "до";
            if (!match.Groups["m"].Success && !match.Groups["ampm"].Success && !afternoonHour && (Months.ContainsKey(next) || NotClockWords.Contains(next)))
            {
                continue;
            }

            return match;
        }

        return null;
    }

    private static readonly HashSet<string> NotClockWords = new(StringComparer.Ordinal)
    {
        "го", "числа", "число", "день", "дня", "дней", "недели", "неделю", "недель", "минут", "минуты", "минуту", "человек", "штук",
        "day", "days", "week", "weeks", "minutes", "mins", "people", "of",
    };

    /// <summary>"полчетвёртого" (3:30), "без пятнадцати 5" (4:45), "half past 3", "quarter to 5".</summary>
    private static (int Hour, int Minute)? HalfOrQuarter(string joined)
    {
        if (HalfPattern().Match(joined) is { Success: true } half && OrdinalHours.TryGetValue(half.Groups["h"].Value, out var nextHour))
        {
            return (nextHour - 1 == 0 ? 12 : nextHour - 1, 30);
        }

        if (WithoutPattern().Match(joined) is { Success: true } without)
        {
            var minutes = MinuteWords.TryGetValue(without.Groups["m"].Value, out var m) ? m : int.TryParse(without.Groups["m"].Value, CultureInfo.InvariantCulture, out var digits) ? digits : -1;
            var target = NumberRecognizer.Recognize(without.Groups["h"].Value);
            if (minutes is > 0 and < 60 && target is >= 1 and <= 12)
            {
                return ((int)(target.Value == 1 ? 12 : target.Value - 1), 60 - minutes);
            }
        }

        if (EnglishHalfPattern().Match(joined) is { Success: true } english && NumberRecognizer.Recognize(english.Groups["h"].Value) is { } h && h is >= 1 and <= 12)
        {
            return english.Groups["kind"].Value switch
            {
                "half past" => ((int)h, 30),
                "quarter past" => ((int)h, 15),
                _ => ((int)(h == 1 ? 12 : h - 1), 45),
            };
        }

        return null;
    }

    /// <summary>Rules 7–12: the day, and whether it is a day or a whole week.</summary>
    private static (DateTime? Day, DateTimeGranularity Granularity) Day(List<string> words, string joined, DateTime reference)
    {
        var today = reference.Date;
        var offsetDays = DayOffset(words);
        if (offsetDays is { } days)
        {
            return (today.AddDays(days), DateTimeGranularity.Day);
        }

        if (joined.Contains(" послезавтра ", StringComparison.Ordinal) || joined.Contains(" day after tomorrow ", StringComparison.Ordinal))
        {
            return (today.AddDays(2), DateTimeGranularity.Day);
        }

        if (words.Any(w => w is "завтра" or "tomorrow" or "tmrw" or "tmr" or "tomorow"))
        {
            return (today.AddDays(1), DateTimeGranularity.Day);
        }

        if (words.Any(w => w is "сегодня" or "today" or "tonight"))
        {
            return (today, DateTimeGranularity.Day);
        }

        var nextWeek = joined.Contains(" следующей неделе ", StringComparison.Ordinal) || joined.Contains(" след неделе ", StringComparison.Ordinal)
            || joined.Contains(" next week ", StringComparison.Ordinal) || joined.Contains(" следующая неделя ", StringComparison.Ordinal);
        var next = nextWeek || words.Any(w => w is "next" || w.StartsWith("следующ", StringComparison.Ordinal));
        if (Weekday(words) is { } weekday)
        {
            if (next)
            {
                // Rule 9: that weekday in the ISO week after the reference's week.
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(7);
                return (monday.AddDays(((int)weekday + 6) % 7), DateTimeGranularity.Day);
            }

            // Rule 8: the next such day strictly after today.
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            return (today.AddDays(ahead == 0 ? 7 : ahead), DateTimeGranularity.Day);
        }

        if (nextWeek)
        {
            // Rule 10: Monday of the next ISO week.
            return (today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(7), DateTimeGranularity.Week);
        }

        if (words.Any(w => w is "weekend" or "выходные" or "выходных"))
        {
            // Rule 11: the coming Saturday.
            var ahead = ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7;
            return (today.AddDays(ahead), DateTimeGranularity.Day);
        }

        if (MonthAndDay(words) is { } monthDay)
        {
            // Rule 12: this year if still ahead, else next year.
            var (month, dayOfMonth) = monthDay;
            for (var year = today.Year; year <= today.Year + 1; year++)
            {
                if (dayOfMonth <= DateTime.DaysInMonth(year, month) && new DateTime(year, month, dayOfMonth) >= today)
                {
                    return (new DateTime(year, month, dayOfMonth), DateTimeGranularity.Day);
                }
            }
        }

        if (DayOfMonthOnly(joined) is { } onlyDay)
        {
            // Rule 12: the nearest such date on or after today.
            for (var candidate = new DateTime(today.Year, today.Month, 1); candidate < today.AddMonths(3); candidate = candidate.AddMonths(1))
            {
                if (onlyDay <= DateTime.DaysInMonth(candidate.Year, candidate.Month) && new DateTime(candidate.Year, candidate.Month, onlyDay) >= today)
                {
                    return (new DateTime(candidate.Year, candidate.Month, onlyDay), DateTimeGranularity.Day);
                }
            }
        }

        return (null, DateTimeGranularity.Day);
    }

    /// <summary>Rule 6: "через N дней", "in N days", "через неделю", "a week from today".</summary>
    private static int? DayOffset(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "через" or "in")
            {
                var rest = words.Skip(i + 1).Take(2).ToList();
                if (rest.Count == 0)
                {
                    continue;
                }

                if (rest[0] is "неделю" or "week")
                {
                    return 7;
                }

                var (amount, unitIndex) = rest[0] is "a" ? (1L, 1) : NumberRecognizer.Recognize(rest[0]) is { } n ? (n, 1) : (1L, 0);
                if (unitIndex < rest.Count)
                {
                    var unit = rest[unitIndex];
                    if (unit is "день" or "дня" or "дней" or "day" or "days")
                    {
                        return (int)amount;
                    }

                    if (unit is "недели" or "недель" or "неделю" or "week" or "weeks")
                    {
                        return (int)amount * 7;
                    }
                }
            }
        }

        var text = " " + string.Join(' ', words) + " ";
        return text.Contains(" a week from today ", StringComparison.Ordinal) || text.Contains(" week from today ", StringComparison.Ordinal) ? 7 : null;
    }

    private static DayOfWeek? Weekday(List<string> words)
    {
        foreach (var word in words)
        {
            if (Weekdays.TryGetValue(word, out var day))
            {
                return day;
            }
        }

        return null;
    }

    private static (int Month, int Day)? MonthAndDay(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!Months.TryGetValue(words[i], out var month))
            {
                continue;
            }

            foreach (var neighbour in new[] { i - 1, i + 1, i - 2 })
            {
                if (neighbour >= 0 && neighbour < words.Count && DayNumber(words[neighbour]) is { } day && day is >= 1 and <= 31)
                {
                    return (month, day);
                }
            }
        }

        return null;
    }

    private static int? DayOfMonthOnly(string joined)
    {
        var match = DayOfMonthPattern().Match(joined);
        return match.Success && int.TryParse(match.Groups["d"].Value, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31 ? day : null;
    }

    private static int? DayNumber(string word)
    {
        var digits = new string(word.TakeWhile(char.IsDigit).ToArray());
        return digits.Length is 1 or 2 && (digits.Length == word.Length || word[digits.Length..] is "st" or "nd" or "rd" or "th")
            ? int.Parse(digits, CultureInfo.InvariantCulture)
            : null;
    }

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["понедельник"] = DayOfWeek.Monday, ["пн"] = DayOfWeek.Monday, ["пон"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["вторник"] = DayOfWeek.Tuesday, ["вт"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["среда"] = DayOfWeek.Wednesday, ["среду"] = DayOfWeek.Wednesday, ["ср"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday,
        ["четверг"] = DayOfWeek.Thursday, ["чт"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday,
        ["пятница"] = DayOfWeek.Friday, ["пятницу"] = DayOfWeek.Friday, ["пт"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["суббота"] = DayOfWeek.Saturday, ["субботу"] = DayOfWeek.Saturday, ["сб"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["воскресенье"] = DayOfWeek.Sunday, ["вс"] = DayOfWeek.Sunday, ["вскр"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["января"] = 1, ["январь"] = 1, ["jan"] = 1, ["january"] = 1, ["февраля"] = 2, ["февраль"] = 2, ["feb"] = 2, ["february"] = 2,
        ["марта"] = 3, ["март"] = 3, ["mar"] = 3, ["march"] = 3, ["апреля"] = 4, ["апрель"] = 4, ["apr"] = 4, ["april"] = 4,
        ["мая"] = 5, ["май"] = 5, ["may"] = 5, ["июня"] = 6, ["июнь"] = 6, ["jun"] = 6, ["june"] = 6,
        ["июля"] = 7, ["июль"] = 7, ["jul"] = 7, ["july"] = 7, ["августа"] = 8, ["август"] = 8, ["aug"] = 8, ["august"] = 8,
        ["сентября"] = 9, ["сентябрь"] = 9, ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["октября"] = 10, ["октябрь"] = 10, ["oct"] = 10, ["october"] = 10,
        ["ноября"] = 11, ["ноябрь"] = 11, ["nov"] = 11, ["november"] = 11, ["декабря"] = 12, ["декабрь"] = 12, ["dec"] = 12, ["december"] = 12,
    };

    /// <summary>Genitive ordinals naming the hour that is running: "полчетвертого" is half of the fourth hour, 3:30.</summary>
    private static readonly Dictionary<string, int> OrdinalHours = new(StringComparer.Ordinal)
    {
        ["первого"] = 1, ["второго"] = 2, ["третьего"] = 3, ["четвертого"] = 4, ["пятого"] = 5, ["шестого"] = 6,
        ["седьмого"] = 7, ["восьмого"] = 8, ["девятого"] = 9, ["десятого"] = 10, ["одиннадцатого"] = 11, ["двенадцатого"] = 12,
    };

    private static readonly Dictionary<string, int> MinuteWords = new(StringComparer.Ordinal)
    {
        ["пяти"] = 5, ["десяти"] = 10, ["пятнадцати"] = 15, ["четверти"] = 15, ["двадцати"] = 20, ["двадцати пяти"] = 25,
    };

    /// <summary>Russian words of these rules; a Latin-typed word that reads as one of them is taken in Cyrillic.</summary>
    /// <summary>Misspellings seen in real chats, read as the word meant («завтро» is «завтра»).</summary>
    private static readonly Dictionary<string, string> Typos = new(StringComparer.Ordinal)
    {
        ["завтро"] = "завтра", ["зафтра"] = "завтра", ["заврта"] = "завтра", ["завтар"] = "завтра", ["завра"] = "завтра",
        ["послезавтро"] = "послезавтра", ["послезафтра"] = "послезавтра",
        ["седня"] = "сегодня", ["сегодна"] = "сегодня", ["сегодня"] = "сегодня", ["сеговня"] = "сегодня",
    };

    private static readonly HashSet<string> RussianWords = new(StringComparer.Ordinal)
    {
        "завтра", "сегодня", "послезавтра", "в", "во", "на", "к", "после", "около", "утром", "утра", "утро", "вечером", "вечера", "вечер",
        "днем", "дня", "ночи", "обеда", "до", "с", "через", "часа", "час", "часов", "минут", "дней", "дня", "день", "неделю", "неделе",
        "следующей", "следующий", "следующую", "понедельник", "вторник", "среду", "среда", "четверг", "пятницу", "пятница", "субботу",
        "суббота", "воскресенье", "выходные", "выходных", "полдень", "числа", "го", "без",
    };

    [GeneratedRegex(@"\s(?<pre>в|во|к|на|at|after|после|около|around|by|до|for|с|from)?\s?(?<h>\d{1,2})(?::|\.)?(?<m>(?<=[:.])\d{2})?\s?(?<ampm>am|pm|a\.m|p\.m)?\s?(?<oclock>o'clock|oclock|часов|часа|час|ч)?(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"\s(?:пол|половин[аеуы]\s)\s?(?<h>[а-я]+ого)\s", RegexOptions.CultureInvariant)]
    private static partial Regex HalfPattern();

    [GeneratedRegex(@"\sбез\s(?<m>двадцати пяти|пяти|десяти|пятнадцати|четверти|двадцати|\d{1,2})\s(?<h>\d{1,2}|[а-я]+)\s", RegexOptions.CultureInvariant)]
    private static partial Regex WithoutPattern();

    [GeneratedRegex(@"\s(?<kind>half past|quarter past|quarter to)\s(?<h>\d{1,2}|[a-z]+)\s", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishHalfPattern();

    [GeneratedRegex(@"\s(?:on\s(?:the\s)?)?(?<d>\d{1,2})(?:\sго|st|nd|rd|th)(?:\sчисла)?\s", RegexOptions.CultureInvariant)]
    private static partial Regex DayOfMonthPattern();
}
