using System.Globalization;

namespace Staffono.Skills.Understanding.Evaluation;

/// <summary>
/// Reads <c>reference&lt;TAB&gt;lang&lt;TAB&gt;text&lt;TAB&gt;expected_start&lt;TAB&gt;granularity</c> files
/// (times as <c>yyyy-MM-ddTHH:mm</c>, local); a bad line stops the read with a message naming it.
/// </summary>
public static class DateTimeCaseFile
{
    public const string Header = "reference\tlang\ttext\texpected_start\tgranularity";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm";

    public static IReadOnlyList<DateTimeCase> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new IntentDataException($"{path}: file not found.");
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !string.Equals(lines[0].TrimStart('\uFEFF').Trim(), Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new IntentDataException($"{path}:1: expected the header 'reference<TAB>lang<TAB>text<TAB>expected_start<TAB>granularity'.");
        }

        var cases = new List<DateTimeCase>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            var where = $"{path}:{i + 1}";
            if (fields.Length != 5)
            {
                throw new IntentDataException($"{where}: expected 5 tab-separated columns, found {fields.Length}.");
            }

            var reference = ParseTime(fields[0], where, "reference");
            var language = fields[1].Trim();
            if (language is not ("ru" or "en"))
            {
                throw new IntentDataException($"{where}: unknown language '{language}'; expected ru or en.");
            }

            var expected = ParseTime(fields[3], where, "expected_start");
            var granularity = ParseGranularity(fields[4].Trim()) ?? throw new IntentDataException($"{where}: unknown granularity '{fields[4]}'; expected minute, hour, part_of_day, day or week.");
            cases.Add(new DateTimeCase(i + 1, reference, language, fields[2].Trim(), expected, granularity));
        }

        return cases;
    }

    public static string Name(DateTimeGranularity granularity) => granularity switch
    {
        DateTimeGranularity.Minute => "minute",
        DateTimeGranularity.Hour => "hour",
        DateTimeGranularity.PartOfDay => "part_of_day",
        DateTimeGranularity.Day => "day",
        _ => "week",
    };

    private static DateTimeGranularity? ParseGranularity(string text) => text switch
    {
        "minute" => DateTimeGranularity.Minute,
        "hour" => DateTimeGranularity.Hour,
        "part_of_day" => DateTimeGranularity.PartOfDay,
        "day" => DateTimeGranularity.Day,
        "week" => DateTimeGranularity.Week,
        _ => null,
    };

    private static DateTime ParseTime(string text, string where, string column) =>
        DateTime.TryParseExact(text.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new IntentDataException($"{where}: {column} '{text}' is not a time like 2026-11-24T10:30.");
}
