using System.Globalization;
using System.Text.RegularExpressions;

namespace Staffono.Skills.Understanding.Entities;

/// <summary>Money as customers write it: "5 000 ₽", "5000 руб", "5к рублей", "$340", "€20", "1,200.50 USD", "20 евро".</summary>
public static partial class MoneyRecognizer
{
    public static Money? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var prefixed = PrefixPattern().Match(text);
        if (prefixed.Success && Amount(prefixed.Groups["n"].Value, prefixed.Groups["k"].Success) is { } before)
        {
            return new Money(before, Currency(prefixed.Groups["c"].Value)!);
        }

        foreach (Match match in SuffixPattern().Matches(text))
        {
            if (Currency(match.Groups["c"].Value) is { } currency && Amount(match.Groups["n"].Value, match.Groups["k"].Success) is { } after)
            {
                return new Money(after, currency);
            }
        }

        return null;
    }

    private static decimal? Amount(string digits, bool thousands)
    {
        var cleaned = digits.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal);
        // "1,200.50" uses the comma for thousands; "1200,50" (Russian) for decimals.
        if (cleaned.Contains(',', StringComparison.Ordinal) && cleaned.Contains('.', StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace(",", string.Empty, StringComparison.Ordinal);
        }
        else if (cleaned.Contains(',', StringComparison.Ordinal))
        {
            cleaned = cleaned.Split(',')[^1].Length == 3 ? cleaned.Replace(",", string.Empty, StringComparison.Ordinal) : cleaned.Replace(',', '.');
        }

        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (thousands ? value * 1000 : value)
            : null;
    }

    private static string? Currency(string word) => word.ToLowerInvariant().TrimEnd('.') switch
    {
        "₽" or "р" or "руб" or "рубль" or "рубля" or "рублей" or "rub" or "rur" or "rubles" or "roubles" => "RUB",
        "$" or "usd" or "dollar" or "dollars" or "долл" or "доллар" or "доллара" or "долларов" or "бакс" or "баксов" => "USD",
        "€" or "eur" or "euro" or "euros" or "евро" => "EUR",
        _ => null,
    };

    [GeneratedRegex(@"(?<c>[$€])\s?(?<n>\d{1,3}(?:[ ,\u00A0\u202F]\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?<k>\s?[kк]\b)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"(?<n>\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,3})*)\s?(?<k>[kк]\s?)?(?<c>₽|\$|€|руб(?:лей|ля|ль)?\.?|р\.?(?=\s|$)|rub(?:les)?|rur|roubles|usd|dollars?|долл(?:аров|ара|ар)?|бакс(?:ов)?|eur(?:os?)?|евро)(?=\W|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SuffixPattern();
}
