using System.Globalization;

namespace Staffono.Skills.Understanding;

/// <summary>
/// A whole number written as digits ("12", "5к") or as words in Russian or English, in the forms
/// people use ("две", "двадцать пять", "двух", "twelve", "twenty-five", "a hundred").
/// </summary>
public static class NumberRecognizer
{
    private static readonly Dictionary<string, int> Words = BuildWords();

    /// <summary>The number the text is, or null when it is not (only) a number.</summary>
    public static long? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text).Replace('-', ' ');
        if (normalized.Length == 0)
        {
            return null;
        }

        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(compact, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return digits;
        }

        if (compact.Length > 1 && compact[^1] is 'к' or 'k' && long.TryParse(compact[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var thousands))
        {
            return thousands * 1000;
        }

        return FromWords(normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static long? FromWords(string[] tokens)
    {
        long total = 0;
        long current = 0;
        var any = false;
        foreach (var token in tokens)
        {
            if (token is "and" or "и" or "a")
            {
                continue;
            }

            if (!Words.TryGetValue(token, out var value))
            {
                return null;
            }

            any = true;
            switch (value)
            {
                case 100:
                    current = (current == 0 ? 1 : current) * 100;
                    break;
                case 1000:
                    total += (current == 0 ? 1 : current) * 1000;
                    current = 0;
                    break;
                default:
                    current += value;
                    break;
            }
        }

        return any ? total + current : null;
    }

    private static Dictionary<string, int> BuildWords()
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int value, params string[] forms)
        {
            foreach (var form in forms)
            {
                words[form] = value;
            }
        }

        Add(0, "ноль", "нуль", "zero", "none");
        Add(1, "один", "одна", "одно", "одну", "одного", "одной", "раз", "one");
        Add(2, "два", "две", "двух", "двое", "two");
        Add(3, "три", "трех", "трое", "three");
        Add(4, "четыре", "четырех", "четверо", "four");
        Add(5, "пять", "пяти", "пятеро", "five");
        Add(6, "шесть", "шести", "six");
        Add(7, "семь", "семи", "seven");
        Add(8, "восемь", "восьми", "eight");
        Add(9, "девять", "девяти", "nine");
        Add(10, "десять", "десяти", "ten");
        Add(11, "одиннадцать", "одиннадцати", "eleven");
        Add(12, "двенадцать", "двенадцати", "twelve", "dozen");
        Add(13, "тринадцать", "тринадцати", "thirteen");
        Add(14, "четырнадцать", "четырнадцати", "fourteen");
        Add(15, "пятнадцать", "пятнадцати", "fifteen");
        Add(16, "шестнадцать", "шестнадцати", "sixteen");
        Add(17, "семнадцать", "семнадцати", "seventeen");
        Add(18, "восемнадцать", "восемнадцати", "eighteen");
        Add(19, "девятнадцать", "девятнадцати", "nineteen");
        Add(20, "двадцать", "двадцати", "twenty");
        Add(30, "тридцать", "тридцати", "thirty");
        Add(40, "сорок", "сорока", "forty");
        Add(50, "пятьдесят", "пятидесяти", "fifty");
        Add(60, "шестьдесят", "шестидесяти", "sixty");
        Add(70, "семьдесят", "семидесяти", "seventy");
        Add(80, "восемьдесят", "восьмидесяти", "eighty");
        Add(90, "девяносто", "девяноста", "ninety");
        Add(100, "сто", "ста", "hundred");
        Add(200, "двести", "двухсот");
        Add(300, "триста", "трехсот");
        Add(400, "четыреста", "четырехсот");
        Add(500, "пятьсот", "пятисот");
        Add(600, "шестьсот");
        Add(700, "семьсот");
        Add(800, "восемьсот");
        Add(900, "девятьсот");
        Add(1000, "тысяча", "тысячи", "тысяч", "тысячу", "thousand");
        return words;
    }
}
