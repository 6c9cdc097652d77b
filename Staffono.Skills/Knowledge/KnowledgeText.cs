using System.Text;

namespace Staffono.Skills.Knowledge;

/// <summary>
/// Words as the knowledge search compares them: lower case, ё as е, without the little words every question
/// has, and cut to a stem so «фена», «фену» and «фен» or "washing" and "wash" meet. Crude next to a real
/// morphology, but it needs no dictionary and works the same in Russian and English.
/// </summary>
internal static class KnowledgeText
{
    private const int StemLength = 6;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "и", "в", "во", "на", "с", "со", "к", "ко", "по", "за", "из", "у", "о", "об", "от", "до", "для", "а", "но", "ли", "же", "бы", "не", "ни",
        "что", "как", "это", "то", "я", "мы", "вы", "ты", "он", "она", "оно", "они", "мне", "меня", "мой", "моя", "мое", "мои", "моему", "моим", "ваш", "ваша", "ваше", "ваши",
        "вас", "вам", "вами", "есть", "можно", "еще", "какой", "какая", "какое", "какие", "каким", "подскажите", "пожалуйста", "скажите", "да", "нет", "там", "так", "ну", "уже",
        "если", "или", "при", "чем", "чтобы", "его", "ее", "их", "этот", "эта", "эти", "этого", "будет", "быть", "был", "хочу", "хотел", "хотела", "нужно", "надо", "ли", "вообще",
        "the", "a", "an", "is", "are", "do", "does", "did", "i", "you", "we", "it", "its", "to", "of", "for", "in", "on", "at", "with", "my", "your", "can", "could", "would",
        "will", "be", "and", "or", "what", "which", "how", "please", "me", "this", "that", "there", "have", "has", "any", "about", "if", "from", "by", "so", "tell", "want", "need", "is", "s",
    };

    // Longest first, so «ами» goes before «и».
    private static readonly string[] RussianEndings =
    [
        "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ешь", "ете", "ите", "ить", "ать", "ять", "ует", "ают", "яют", "ется", "ться",
        "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ую", "юю", "ся",
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
    ];

    private static readonly string[] EnglishEndings = ["ing", "ies", "ed", "es", "s"];

    /// <summary>The question's stems, stop words dropped, in order (repeats kept).</summary>
    public static List<string> Stems(string? text)
    {
        var stems = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return stems;
        }

        var word = new StringBuilder();
        foreach (var raw in text + " ")
        {
            var c = char.ToLowerInvariant(raw);
            if (c == 'ё')
            {
                c = 'е';
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                if (!StopWords.Contains(w))
                {
                    stems.Add(Stem(w));
                }
            }
        }

        return stems;
    }

    private static string Stem(string word)
    {
        if (word.Any(char.IsDigit))
        {
            return word;
        }

        var endings = word[0] is >= 'а' and <= 'я' ? RussianEndings : EnglishEndings;
        foreach (var ending in endings)
        {
            if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                word = word[..^ending.Length];
                break;
            }
        }

        return word.Length > StemLength ? word[..StemLength] : word;
    }
}
