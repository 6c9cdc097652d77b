using System.Text;
using System.Text.RegularExpressions;

namespace Staffono.Skills.Understanding.Entities;

/// <summary>
/// A phone number normalised to E.164: Russian forms ("8 (912) 345-67-89", "+7 912 3456789",
/// "9123456789") become +7…; international numbers written with "+" keep their country code.
/// </summary>
public static partial class PhoneRecognizer
{
    public static string? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (Match match in CandidatePattern().Matches(text))
        {
            var raw = match.Value.Trim();
            var digits = new StringBuilder();
            foreach (var c in raw)
            {
                if (char.IsDigit(c))
                {
                    digits.Append(c);
                }
            }

            var number = digits.ToString();
            if (raw.StartsWith('+'))
            {
                if (number.Length is >= 8 and <= 15 && number[0] != '0')
                {
                    return "+" + number;
                }

                continue;
            }

            // Russian numbers without "+": 8 or 7 then ten digits, or the ten digits of a mobile alone.
            if (number.Length == 11 && number[0] is '7' or '8')
            {
                return "+7" + number[1..];
            }

            if (number.Length == 10 && number[0] == '9')
            {
                return "+7" + number;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\+?\d[\d\s\-()\u00A0]{6,20}\d", RegexOptions.CultureInvariant)]
    private static partial Regex CandidatePattern();
}
