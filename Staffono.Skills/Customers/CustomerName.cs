using Staffono.Skills.Understanding;

namespace Staffono.Skills.Customers;

/// <summary>
/// The name in an answer to "What's your name?": «Меня зовут Анна» and "I'm Anna" give "Анна" and
/// "Anna"; «нет», "yes", an emoji or a number are not names, nor is a whole sentence.
/// </summary>
public static class CustomerName
{
    /// <summary>Words before a name, compared without apostrophes ("I'm" is "im").</summary>
    private static readonly string[][] Introductions =
    [
        ["меня", "зовут"], ["моё", "имя"], ["мое", "имя"], ["my", "name", "is"], ["i", "am"], ["im"], ["its"], ["this", "is"], ["я"], ["это"],
    ];

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "не", "нет", "да", "зачем", "неважно", "не важно", "не скажу", "не хочу", "аноним", "никак", "без имени",
        "no", "yes", "why", "none", "nobody", "anonymous", "skip", "no name", "not telling", "idk", "dunno",
    };

    private const int MaxWords = 4;
    private const int MaxLength = 60;

    /// <summary>The name the answer gives, trimmed and without "меня зовут"/"I'm"; null when it is not a name.</summary>
    public static string? From(string? answer)
    {
        var text = answer?.Trim().TrimEnd('.', '!', ')') ?? string.Empty;
        if (text.Length is 0 or > MaxLength || ConfirmRecognizer.Recognize(text) is not null || NotNames.Contains(TextNormalizer.Normalize(text)))
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var introduction in Introductions)
        {
            if (parts.Length > introduction.Length && parts.Take(introduction.Length).Select(p => TextNormalizer.Normalize(p).Replace(" ", string.Empty, StringComparison.Ordinal)).SequenceEqual(introduction))
            {
                parts = parts[introduction.Length..];
                break;
            }
        }

        var name = string.Join(' ', parts).Trim(',', ' ', '-');
        var letters = name.Count(char.IsLetter);
        // A name is mostly letters (Анна-Мария, O'Neil), a few words at most, with no digits or addresses in it.
        return parts.Length <= MaxWords && letters >= 2 && !name.Any(char.IsDigit) && !name.Contains('@', StringComparison.Ordinal) && letters * 2 >= name.Count(c => !char.IsWhiteSpace(c))
            ? name
            : null;
    }
}
