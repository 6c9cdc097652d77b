namespace Staffono.Skills.Leads;

/// <summary>
/// Word matching for the leads file's vocabularies: lower case, ё as е, and a shared stem for Russian endings
/// («уборку», «уборка», «уборки»; «Химках», «Химки»), so an owner lists a word once.
/// </summary>
public static class LeadText
{
    private static readonly char[] Separators = [' ', ',', '.', '!', '?', ';', ':', '(', ')', '«', '»', '"', '\'', '/', '\n', '\r', '\t', '-', '—'];

    public static IReadOnlyList<string> Words(string text) =>
        (text ?? string.Empty).ToLowerInvariant().Replace('ё', 'е').Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The same word up to its ending: equal, or sharing all but the last two letters of a word of five or more.</summary>
    public static bool SameWord(string word, string known)
    {
        var a = word.ToLowerInvariant().Replace('ё', 'е');
        var b = known.ToLowerInvariant().Replace('ё', 'е');
        if (a == b)
        {
            return true;
        }

        // Russian endings are up to two letters («уборк|а», «уборк|у», «Химк|ах»); a stem of four letters or more is the word.
        var stem = Math.Min(a.Length, b.Length) - 2;
        if (stem >= 4 && Math.Abs(a.Length - b.Length) <= 2 && string.CompareOrdinal(a, 0, b, 0, stem) == 0)
        {
            return true;
        }

        // One slip of the finger in a long word ("cleening", «ремнот» is not long enough) is the word too.
        return a.Length >= 6 && b.Length >= 6 && OneEditApart(a, b);
    }

    /// <summary>Equal but for one letter changed, added or dropped.</summary>
    private static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        var i = 0;
        while (i < shorter.Length && shorter[i] == longer[i])
        {
            i++;
        }

        // After the first difference the rest must match: shifted by one for an added letter, aligned for a changed one.
        return shorter.Length == longer.Length
            ? string.CompareOrdinal(shorter, i + 1, longer, i + 1, shorter.Length) == 0
            : string.CompareOrdinal(shorter, i, longer, i + 1, shorter.Length) == 0;
    }
}
