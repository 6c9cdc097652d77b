namespace Staffono.Skills.Understanding;

/// <summary>
/// Turns a message into the features the offline classifier weighs, as 64-bit hashes (no strings are
/// kept): words and word pairs; character 3–5-grams of each word, which survive typos and Russian
/// inflection ("запишите", "запишыте", "записаться" share most of them); and for words typed in Latin
/// letters, the same again for their Cyrillic reading, so "zavtra" counts as "завтра".
/// </summary>
public static class IntentFeatures
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The distinct feature hashes of <paramref name="text"/>, sorted.</summary>
    public static ulong[] Extract(string? text)
    {
        var words = Tokens(text);
        var features = new HashSet<ulong>();
        string? previous = null;
        foreach (var word in words)
        {
            AddWord(features, word);
            if (previous is not null)
            {
                features.Add(Hash('b', previous, ' ', word));
            }

            previous = word;
            if (Transliterator.ToCyrillic(word) is { } cyrillic && cyrillic.Length > 1)
            {
                AddWord(features, cyrillic);
            }
        }

        if (words.Count == 0)
        {
            features.Add(Hash('e', "empty", ' ', string.Empty));
        }

        var result = features.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>Normalized words, with numbers reduced to their shape (an order number is not a word to learn).</summary>
    internal static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        foreach (var raw in TextNormalizer.Words(text))
        {
            var word = raw.Trim('.', '-', ':', '/', '+');
            if (word.Length == 0)
            {
                continue;
            }

            if (word.Any(char.IsDigit))
            {
                tokens.Add(word.StartsWith('#') ? "<order>" : word.Contains(':', StringComparison.Ordinal) ? "<time>" : word.Count(char.IsDigit) >= 5 ? "<longnum>" : "<num>");
                continue;
            }

            tokens.Add(word);
        }

        return tokens;
    }

    private static void AddWord(HashSet<ulong> features, string word)
    {
        features.Add(Hash('w', word, ' ', string.Empty));
        if (word[0] == '<')
        {
            return;
        }

        var padded = "<" + word + ">";
        for (var n = 3; n <= 5; n++)
        {
            for (var i = 0; i + n <= padded.Length; i++)
            {
                features.Add(Hash('c', padded.AsSpan(i, n)));
            }
        }
    }

    private static ulong Hash(char kind, ReadOnlySpan<char> text)
    {
        var hash = (Offset ^ kind) * Prime;
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }

    private static ulong Hash(char kind, string first, char separator, string second)
    {
        var hash = Hash(kind, first.AsSpan());
        hash = (hash ^ separator) * Prime;
        foreach (var c in second)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }
}
