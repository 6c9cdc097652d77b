using System.Globalization;
using System.Text.RegularExpressions;

namespace Staffono.Skills.Understanding.Entities;

/// <summary>How long something takes: "2 часа", "полчаса", "90 минут", "1.5 hours", "an hour", "45 min", "2h".</summary>
public static partial class DurationRecognizer
{
    public static TimeSpan? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (Regex.IsMatch(normalized, @"(^|\s)(полчаса|half an hour)(\s|$)", RegexOptions.CultureInvariant))
        {
            return TimeSpan.FromMinutes(30);
        }

        var match = DurationPattern().Match(normalized);
        if (!match.Success || match.Groups["n"].Value is "an" or "a")
        {
            return Regex.IsMatch(normalized, @"(^|\s)(an hour|a hour|one hour|час)(\s|$)", RegexOptions.CultureInvariant) ? TimeSpan.FromHours(1) : null;
        }

        var amountText = match.Groups["n"].Value.Replace(',', '.');
        double amount;
        if (!double.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
        {
            if (NumberRecognizer.Recognize(amountText) is not { } words)
            {
                return null;
            }

            amount = words;
        }

        var unit = match.Groups["u"].Value;
        return unit.StartsWith('m') || unit.StartsWith("мин", StringComparison.Ordinal)
            ? TimeSpan.FromMinutes(amount)
            : unit.StartsWith('d') || unit.StartsWith("д", StringComparison.Ordinal) ? TimeSpan.FromDays(amount) : TimeSpan.FromHours(amount);
    }

    [GeneratedRegex(@"(?<n>\d+(?:[.,]\d+)?|[a-zа-я]+)\s?(?<u>часа|часов|час|ч|hours|hour|hrs|hr|h|минут|минуты|минуту|мин|minutes|minute|mins|min|m|дней|дня|день|days|day|d)(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
