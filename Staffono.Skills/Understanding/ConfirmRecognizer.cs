namespace Staffono.Skills.Understanding;

/// <summary>Yes or no in Russian and English, as people actually type them.</summary>
public static class ConfirmRecognizer
{
    private static readonly HashSet<string> YesPhrases = new(StringComparer.Ordinal)
    {
        "да", "ага", "угу", "конечно", "подтверждаю", "подтвердить", "верно", "все верно", "да все верно", "точно", "хорошо",
        "ок", "окей", "давай", "давайте", "да конечно", "да давайте", "согласен", "согласна", "именно", "записывайте", "да подтверждаю",
        "yes", "yep", "yeah", "yup", "sure", "ok", "okay", "confirm", "i confirm", "correct", "right", "of course", "yes please", "y",
        "da", "ok da", "konechno", "ага да",
    };

    private static readonly HashSet<string> NoPhrases = new(StringComparer.Ordinal)
    {
        "нет", "не", "неа", "не надо", "не нужно", "нет спасибо", "не хочу", "не подтверждаю", "неверно", "нет не надо", "не стоит",
        "no", "nope", "nah", "no thanks", "no thank you", "don't", "dont", "do not", "not now", "n", "net",
    };

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "ну", "хм", "хмм", "эм", "ой", "пожалуй", "вообще-то", "вообщето", "наверное", "actually", "well", "hmm", "um", "oh", "ah", "erm", "so",
    };

    /// <summary>True for yes, false for no, null when the text is neither.</summary>
    public static bool? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (NoPhrases.Contains(normalized))
        {
            return false;
        }

        if (YesPhrases.Contains(normalized))
        {
            return true;
        }

        // "actually no", «ну да», «хм, нет»: a word people say before deciding does not decide.
        var words = normalized.Split(' ');
        if (words.Length > 1 && Fillers.Contains(words[0]))
        {
            return Recognize(string.Join(' ', words[1..]));
        }

        // "нет, лучше в пятницу" / "yes, book it": the first word decides when it is a clear yes or no.
        var first = words[0];
        if (first is "нет" or "no" or "nope")
        {
            return false;
        }

        return first is "да" or "yes" or "ага" or "конечно" or "sure" or "yep" ? true : null;
    }
}
