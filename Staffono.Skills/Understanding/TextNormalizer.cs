using System.Text;

namespace Staffono.Skills.Understanding;

/// <summary>
/// The form recognizers compare: lower case, ё read as е, punctuation and emoji dropped, runs of
/// spaces collapsed. People type "Да!!!", "ДА", "да 👍" and mean the same thing.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c == 'ё')
            {
                c = 'е';
            }

            if (char.IsLetterOrDigit(c) || c is ':' or '.' or '-' or '+' or '/' or '#' or '@')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        // Sentence punctuation at the end ("да." / "ok-") is not part of the answer.
        while (builder.Length > 0 && builder[^1] is '.' or '-' or ':' or '+' or '/')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    /// <summary>The words of the normalized text.</summary>
    public static string[] Words(string? text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
