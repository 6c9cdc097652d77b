using System.Text.RegularExpressions;

namespace Staffono.Skills.Understanding.Entities;

/// <summary>An e-mail address in a message, lower-cased.</summary>
public static partial class EmailRecognizer
{
    public static string? Recognize(string? text) =>
        text is null ? null : EmailPattern().Match(text) is { Success: true } match ? match.Value.TrimEnd('.').ToLowerInvariant() : null;

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
