using System.Globalization;
using System.Text.RegularExpressions;
using Staffono.Skills.Leads;

namespace Staffono.Dialogs.Leads;

/// <summary>
/// Reads what a lead's message tells, in Russian or English: the place, how soon, the budget, who decides, how to reach
/// them, and for a cleaning the premises, area, rooms, bathrooms, frequency and extras. Whatever a message already said
/// is never asked again, so the first message is read with the same rules as every answer.
/// </summary>
public static partial class LeadAnswers
{
    /// <summary>A place the area knows; <see cref="Signal.No"/> for a place named outside it; unknown when none is named.</summary>
    public static (Signal InArea, string? Place) Place(ServiceArea area, string text)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (area.PlaceIn(text) is { } place)
        {
            return (Signal.Yes, place);
        }

        // «в Твери», «из Казани», "in Kazan": a place named, and not one of ours.
        var named = NamedPlace().Matches(text).FirstOrDefault(m => !NotPlaces.Contains(m.Groups["place"].Value.Split(' ')[0].ToLowerInvariant()));
        return named is not null ? (Signal.No, named.Groups["place"].Value) : (Signal.Unknown, null);
    }

    /// <summary>How soon, in days from today: a date the recognizer read, or words («срочно», "next month", «не срочно»).</summary>
    public static int? DaysUntil(string text, DateTime today, Skills.Understanding.IDateTimeRecognizer dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var lower = text.ToLowerInvariant();
        if (Later().IsMatch(lower))
        {
            return 365;
        }

        if (Urgent().IsMatch(lower))
        {
            return 1;
        }

        if (InMonths().Match(lower) is { Success: true } months)
        {
            return 30 * Count(months.Groups["n"].Value, 1);
        }

        if (InWeeks().Match(lower) is { Success: true } weeks)
        {
            return 7 * Count(weeks.Groups["n"].Value, 1);
        }

        if (ThisMonth().IsMatch(lower))
        {
            return 14;
        }

        if (NextMonth().IsMatch(lower))
        {
            return 40;
        }

        return dates.Recognize(text, today) is { } wanted && wanted.Start.Date >= today.Date ? (int)(wanted.Start.Date - today.Date).TotalDays : null;
    }

    /// <summary>A budget the message names («до 10 тысяч», "around 5k", «15 000 ₽»); null when none.</summary>
    public static decimal? Budget(string text)
    {
        // A number is a budget when money words surround it: «до 10 тысяч», «15 000 ₽», "budget 5k"; «54 м²» is not.
        var lower = text.ToLowerInvariant();
        var match = Money().Matches(lower).FirstOrDefault(m => (m.Groups["k"].Length > 0 || m.Groups["cur"].Length > 0 || m.Groups["cue"].Length > 0)
            && !AreaUnit().IsMatch(lower[(m.Groups["n"].Index + m.Groups["n"].Length)..]));
        if (match is null || !decimal.TryParse(match.Groups["n"].Value.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var budget = match.Groups["k"].Length > 0 ? amount * 1000 : amount;
        return budget >= 500 ? budget : null;    // «до 25 декабря» names a day, not 25 ₽
    }

    /// <summary>Yes: «решаю я», "it's my decision"; no: «нужно согласовать с мужем», "need to check with my boss".</summary>
    public static Signal DecisionMaker(string text)
    {
        var lower = text.ToLowerInvariant();
        return NotMyDecision().IsMatch(lower) ? Signal.No : MyDecision().IsMatch(lower) ? Signal.Yes : Signal.Unknown;
    }

    public static string? Phone(string text) => PhoneNumber().Match(text) is { Success: true } m && LeadContact.PhoneKey(m.Value) is not null ? m.Value.Trim() : null;

    public static string? Email(string text) => EmailAddress().Match(text) is { Success: true } m ? m.Value : null;

    /// <summary>What the message says about a cleaning: only what it names, the rest left null.</summary>
    public static CleaningJob Cleaning(string text)
    {
        var lower = text.ToLowerInvariant().Replace('ё', 'е');
        Premises? premises = House().IsMatch(lower) ? Skills.Leads.Premises.House : Office().IsMatch(lower) ? Skills.Leads.Premises.Office : Flat().IsMatch(lower) ? Skills.Leads.Premises.Flat : null;
        int? area = Area().Matches(lower).LastOrDefault() is { } a ? int.Parse(a.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
        // A correction comes last («не двушка, трешка»): of several mentions, the last one counts.
        var word = RoomsWord().Matches(lower).LastOrDefault();
        var digits = Rooms().Matches(lower).LastOrDefault();
        int? rooms = word is not null && (digits is null || word.Index > digits.Index) ? RoomWords[word.Groups["w"].Value[..3]]
            : digits is not null ? Count(digits.Groups["n"].Value) : Studio().IsMatch(lower) ? 1 : null;
        int? bathrooms = Bathrooms().Matches(lower).LastOrDefault() is { } b ? Count(b.Groups["n"].Value) : null;
        CleaningFrequency? frequency = Weekly().IsMatch(lower) ? CleaningFrequency.Weekly : Monthly().IsMatch(lower) ? CleaningFrequency.Monthly : Once().IsMatch(lower) ? CleaningFrequency.Once : null;
        var extras = new HashSet<CleaningExtra>();
        if (Windows().IsMatch(lower))
        {
            extras.Add(CleaningExtra.Windows);
        }

        if (Oven().IsMatch(lower))
        {
            extras.Add(CleaningExtra.Oven);
        }

        if (Deep().IsMatch(lower))
        {
            extras.Add(CleaningExtra.DeepClean);
        }

        // A bare number answers "how many square metres?" when nothing else in the message claims it.
        if (area is null && rooms is null && bathrooms is null && BareNumber().Match(lower) is { Success: true } bare && int.Parse(bare.Groups["n"].Value, CultureInfo.InvariantCulture) is >= 10 and <= 2000 and var metres)
        {
            area = metres;
        }

        return new CleaningJob(premises, area, rooms, bathrooms, frequency, extras);
    }

    /// <summary>Capitalised words after «в» / "in" that are times, not places ("in December", «в Понедельник»).</summary>
    private static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
        "понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье",
    };

    private static readonly Dictionary<string, int> RoomWords = new(StringComparer.Ordinal)
    {
        ["одн"] = 1, ["дву"] = 2, ["тре"] = 3, ["чет"] = 4, ["пят"] = 5,
    };

    /// <summary>A count in digits or words; <paramref name="fallback"/> when there is none («через месяц»).</summary>
    private static int Count(string value, int fallback) => value.Trim() switch
    {
        "" => fallback,
        "пару" or "a couple of" or "двух" => 2,
        "трех" => 3,
        var other => Count(other),
    };

    private static int Count(string value) => value switch
    {
        "один" or "одна" or "одну" or "one" => 1,
        "два" or "две" or "two" => 2,
        "три" or "three" => 3,
        "четыре" or "four" => 4,
        _ => int.Parse(value, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"(?:^|\s)(?i:в|во|из|in|from|near)\s+(?<place>[A-ZА-ЯЁ][\p{L}-]+(?:\s+[A-ZА-ЯЁ][\p{L}-]+)?)")]
    private static partial Regex NamedPlace();

    [GeneratedRegex(@"срочн|как можно скорее|сегодня|завтра|asap|urgent|today|tomorrow|right away")]
    private static partial Regex Urgent();

    [GeneratedRegex(@"не срочно|не спешу|когда-нибудь|через год|в следующем году|no rush|not urgent|next year|some ?day|just looking|присматриваюсь")]
    private static partial Regex Later();

    [GeneratedRegex(@"через\s+(?<n>\d+|пару|два|три)?\s*месяц|in\s+(?<n>\d+|a couple of|two|three)?\s*months?")]
    private static partial Regex InMonths();

    [GeneratedRegex(@"(?:через|в течение)\s+(?<n>\d+|пару|двух|трех)?\s*недел|in\s+(?<n>\d+)?\s*weeks?|на этой неделе|на следующей неделе|this week|next week")]
    private static partial Regex InWeeks();

    [GeneratedRegex(@"в этом месяце|в течени\w* месяца|до конца месяца|this month|within a month|in a month")]
    private static partial Regex ThisMonth();

    [GeneratedRegex(@"в следующем месяце|next month")]
    private static partial Regex NextMonth();

    [GeneratedRegex(@"(?<cue>бюджет\D{0,12}|до\s|около\s|примерно\s|в пределах\s|budget\D{0,12}|up to\s|around\s|about\s|under\s)?(?<n>\d[\d ]*(?:[.,]\d+)?)\s*(?<k>k\b|к\b|тыс\.?|тысяч[аи]?|thousand)?\s*(?<cur>₽|руб|р\.|rub|rubles|roubles)?")]
    private static partial Regex Money();

    [GeneratedRegex(@"^\s*(?:м2|м²|кв|метр|sq|m2|m²|square)")]
    private static partial Regex AreaUnit();

    [GeneratedRegex(@"согласова|посоветоваться|спрош|с мужем|с женой|с начальник|не я решаю|решает (?:муж|жена|начальник|директор)|check with|ask my|not my decision|my (?:boss|wife|husband|partner) decides")]
    private static partial Regex NotMyDecision();

    [GeneratedRegex(@"решаю (?:я|сам)|я решаю|сам решаю|сама решаю|\bсам[аи]?\b|my decision|i decide|i'm the owner|i am the owner|up to me")]
    private static partial Regex MyDecision();

    [GeneratedRegex(@"(?<![\d+])(?=[+(\d])(?:\+7|8|\+\d{1,3})?[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[^\s@,;:<>()]+@[^\s@,;:<>()]+\.[\p{L}]{2,}")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\bдом\b|частн\w* дом|коттедж|таунхаус|\bhouse\b|cottage")]
    private static partial Regex House();

    [GeneratedRegex(@"офис|\boffice\b")]
    private static partial Regex Office();

    [GeneratedRegex(@"квартир|студи|двушк|трешк|однушк|\bflat\b|apartment|studio")]
    private static partial Regex Flat();

    [GeneratedRegex(@"(?<n>\d{1,4})\s*(?:м2|м²|кв\.?\s*м|квадрат|метр|sq\.?\s*m|m2|m²|square met)")]
    private static partial Regex Area();

    [GeneratedRegex(@"(?<n>\d{1,2}|один|одна|одну|два|две|три|четыре|one|two|three|four)[\s-]*(?:комнат|комн\b|к\b|room|bedroom|bed\b|-room)")]
    private static partial Regex Rooms();

    [GeneratedRegex(@"(?<w>однокомнат|однушк|двухкомнат|двушк|трехкомнат|трешк|четырехкомнат|пятикомнат)")]
    private static partial Regex RoomsWord();

    [GeneratedRegex(@"студи|studio")]
    private static partial Regex Studio();

    [GeneratedRegex(@"(?<n>\d{1,2}|один|одна|одну|два|две|три|one|two|three)\s*(?:сануз|сан\.?\s*уз|ванн|туалет|bathroom|baths?\b|toilet)")]
    private static partial Regex Bathrooms();

    [GeneratedRegex(@"каждую неделю|раз в неделю|еженедельн|weekly|every week|once a week")]
    private static partial Regex Weekly();

    [GeneratedRegex(@"раз в месяц|ежемесячн|каждый месяц|monthly|every month|once a month")]
    private static partial Regex Monthly();

    [GeneratedRegex(@"разов|один раз|однократн|\bonce\b|one[- ]off|one time|just once")]
    private static partial Regex Once();

    [GeneratedRegex(@"окн|window")]
    private static partial Regex Windows();

    [GeneratedRegex(@"духовк|плит[аыу]|oven")]
    private static partial Regex Oven();

    [GeneratedRegex(@"генеральн|глубок|после ремонта|deep clean|deep-clean|spring clean")]
    private static partial Regex Deep();

    [GeneratedRegex(@"^\D*(?<n>\d{2,4})\D*$")]
    private static partial Regex BareNumber();
}
