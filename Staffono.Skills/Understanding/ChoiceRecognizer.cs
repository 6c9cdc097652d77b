using System.Globalization;

namespace Staffono.Skills.Understanding;

/// <summary>
/// Which of several offered options a reply picks: by its title or a synonym, by number ("2"), by
/// ordinal ("второй", "последний", "the first one"), or by a part of a title that fits only one.
/// </summary>
public static class ChoiceRecognizer
{
    private static readonly Dictionary<string, int> Ordinals = BuildOrdinals();

    /// <summary>The index of the picked option, or null when the reply picks none or is ambiguous.</summary>
    /// <param name="options">Each option's title followed by its synonyms.</param>
    public static int? Recognize(string? text, IReadOnlyList<IReadOnlyList<string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0 || options.Count == 0)
        {
            return null;
        }

        var exact = Unique(options, o => o.Any(name => TextNormalizer.Normalize(name) == normalized));
        if (exact is not null)
        {
            return exact;
        }

        if (int.TryParse(normalized.TrimEnd('.', ')'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= options.Count)
        {
            return number - 1;
        }

        var ordinal = RecognizeOrdinal(normalized, options.Count);
        if (ordinal is not null)
        {
            return ordinal;
        }

        // A part of a title: every word of the reply appears in exactly one option ("гель" → "Маникюр гель-лак",
        // "в 11:00" → "Завтра в 11:00"); one-letter words ("в", "a") are too common to tell options apart, and
        // words that only carry the pick («давайте 10:00», "let's do 10:00") are left out.
        var words = TextNormalizer.Words(normalized).Where(w => w.Length >= 2 && !PickWords.Contains(w)).ToArray();
        return Unique(options, o => o.Any(name => ContainsAllWords(TextNormalizer.Normalize(name), words)));
    }

    private static readonly HashSet<string> PickWords = new(StringComparer.Ordinal)
    {
        "давайте", "давай", "ладно", "ага", "можно", "пожалуйста", "хорошо", "тогда", "ну", "ок", "окей", "пусть", "будет", "мне", "выбираю", "беру", "лучше",
        "let", "lets", "let's", "do", "ok", "okay", "sure", "fine", "alright", "please", "pls", "then", "take", "choose", "pick", "go", "with", "the", "one", "i'll", "ill",
    };

    private static int? RecognizeOrdinal(string normalized, int count)
    {
        foreach (var word in normalized.Split(' '))
        {
            if (Ordinals.TryGetValue(word, out var position))
            {
                var index = position switch
                {
                    -1 => count - 1,
                    -2 => count - 2,
                    _ => position - 1,
                };
                return index >= 0 && index < count ? index : null;
            }
        }

        return null;
    }

    private static bool ContainsAllWords(string title, string[] words)
    {
        var titleWords = title.Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(w => titleWords.Any(t => t.StartsWith(w.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal) || t == w));
    }

    private static int? Unique(IReadOnlyList<IReadOnlyList<string>> options, Func<IReadOnlyList<string>, bool> matches)
    {
        int? found = null;
        for (var i = 0; i < options.Count; i++)
        {
            if (!matches(options[i]))
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = i;
        }

        return found;
    }

    private static Dictionary<string, int> BuildOrdinals()
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int position, params string[] forms)
        {
            foreach (var form in forms)
            {
                ordinals[form] = position;
            }
        }

        // Russian ordinals agree with the noun they stand for: первый слот, первая услуга, первое время, первую.
        Add(1, "первый", "первая", "первое", "первую", "первого", "first", "1st");
        Add(2, "второй", "вторая", "второе", "вторую", "второго", "second", "2nd");
        Add(3, "третий", "третья", "третье", "третью", "третьего", "third", "3rd");
        Add(4, "четвертый", "четвертая", "четвертое", "четвертую", "fourth", "4th");
        Add(5, "пятый", "пятая", "пятое", "пятую", "fifth", "5th");
        Add(6, "шестой", "шестая", "шестое", "шестую", "sixth", "6th");
        Add(7, "седьмой", "седьмая", "седьмое", "седьмую", "seventh", "7th");
        Add(8, "восьмой", "восьмая", "восьмое", "восьмую", "eighth", "8th");
        Add(9, "девятый", "девятая", "девятое", "девятую", "ninth", "9th");
        Add(10, "десятый", "десятая", "десятое", "десятую", "tenth", "10th");
        Add(-1, "последний", "последняя", "последнее", "последнюю", "последнего", "last");
        Add(-2, "предпоследний", "предпоследняя", "предпоследнее", "предпоследнюю", "penultimate");
        return ordinals;
    }
}
