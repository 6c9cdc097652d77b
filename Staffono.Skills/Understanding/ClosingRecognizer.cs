namespace Staffono.Skills.Understanding;

/// <summary>A thank-you or a goodbye on its own («спасибо», "thanks", «пока», "bye"), in either language or Latin-typed Russian.</summary>
public static class ClosingRecognizer
{
    private static readonly HashSet<string> Thanks = new(StringComparer.Ordinal)
    {
        "спасибо", "спасибо большое", "большое спасибо", "благодарю", "спс", "спасибки", "спасибо вам", "отлично спасибо", "ок спасибо",
        "thanks", "thank you", "thanks a lot", "thank you very much", "thx", "ty", "great thanks", "ok thanks", "spasibo",
    };

    private static readonly HashSet<string> Goodbyes = new(StringComparer.Ordinal)
    {
        "пока", "до свидания", "всего доброго", "всего хорошего", "до встречи", "спасибо пока", "спасибо до свидания",
        "bye", "goodbye", "bye bye", "see you", "see ya", "thanks bye", "poka",
    };

    public static Closing Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return Goodbyes.Contains(normalized) ? Closing.Goodbye : Thanks.Contains(normalized) ? Closing.Thanks : Closing.None;
    }
}

/// <summary>What kind of closing a message is.</summary>
public enum Closing
{
    None,
    Thanks,
    Goodbye,
}
