using System.Text;

namespace Staffono.Skills.Understanding;

/// <summary>
/// Reads Russian typed in Latin letters as Cyrillic ("zapishite menya na zavtra" → "запишите меня
/// на завтра"), the way people write on phones without a Russian keyboard. The mapping is the common
/// informal one; it need not be exact, only close enough for the classifier's character n-grams.
/// </summary>
public static class Transliterator
{
    private static readonly (string Latin, string Cyrillic)[] Rules =
    [
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
        ("yu", "ю"), ("ya", "я"), ("yo", "е"), ("ye", "е"), ("ju", "ю"), ("ja", "я"), ("iy", "ий"), ("yy", "ый"),
        ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
        ("y", "ы"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
        ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("w", "в"), ("x", "кс"),
        ("j", "й"), ("q", "к"), ("'", "ь"),
    ];

    /// <summary>The word in Cyrillic if it is all Latin letters; otherwise null.</summary>
    public static string? ToCyrillic(string word)
    {
        if (word.Length == 0 || !word.All(c => c is >= 'a' and <= 'z' or '\''))
        {
            return null;
        }

        var builder = new StringBuilder(word.Length);
        var i = 0;
        while (i < word.Length)
        {
            var matched = false;
            foreach (var (latin, cyrillic) in Rules)
            {
                if (string.CompareOrdinal(word, i, latin, 0, latin.Length) == 0)
                {
                    // A final "y" after a vowel is й ("moy", "kakoy"), elsewhere ы.
                    builder.Append(latin == "y" && i == word.Length - 1 && i > 0 && "aeiou".Contains(word[i - 1], StringComparison.Ordinal) ? "й" : cyrillic);
                    i += latin.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                i++;
            }
        }

        return builder.ToString();
    }
}
