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
        return stem >= 4 && Math.Abs(a.Length - b.Length) <= 2 && string.CompareOrdinal(a, 0, b, 0, stem) == 0;
    }
}
