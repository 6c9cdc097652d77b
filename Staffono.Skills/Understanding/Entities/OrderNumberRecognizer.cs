using System.Text.RegularExpressions;

namespace Staffono.Skills.Understanding.Entities;

/// <summary>
/// Order numbers. The default pattern matches forms like "#A-10234", "A-10234" and bare 5–8 digit
/// numbers (never part of a phone number or a price); a shop with other numbers configures its own.
/// </summary>
public sealed class OrderNumberRecognizer(string? pattern = null)
{
    public const string DefaultPattern = @"#?\b[A-Za-z]{1,3}-\d{3,10}\b|#\d{3,10}\b|(?<![\d+\-()])\b\d{5,8}\b(?![\d\-)]|\s?(?:₽|руб|р\b|\$|€|usd|eur|евро))";

    private readonly Regex _pattern = new(pattern ?? DefaultPattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));

    /// <summary>The order number without "#", upper-cased ("A-10234"), or null.</summary>
    public string? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = _pattern.Match(text);
        return match.Success ? match.Value.TrimStart('#').ToUpperInvariant() : null;
    }
}
