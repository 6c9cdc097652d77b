namespace Staffono.Skills.Understanding;

/// <summary>
/// Reads «а есть попозже?», "anything earlier?", «в другой день», "another day" (also in Latin-typed
/// Russian) while times are offered, so the bot searches again instead of counting a wrong answer.
/// </summary>
public static class SlotWishRecognizer
{
    private static readonly string[] Later = ["попозже", "позже", "позднее", "попозднее", "later", "popozzhe", "pozzhe"];
    private static readonly string[] Earlier = ["пораньше", "раньше", "earlier", "poranshe", "ranshe"];
    private static readonly string[] OtherDayPhrases = ["другой день", "другие дни", "другое число", "не в этот день", "another day", "other day", "different day", "drugoy den", "drugoi den"];

    public static SlotWish Recognize(string? text)
    {
        var normalized = " " + TextNormalizer.Normalize(text) + " ";
        if (OtherDayPhrases.Any(p => normalized.Contains(" " + p + " ", StringComparison.Ordinal)))
        {
            return SlotWish.OtherDay;
        }

        var words = TextNormalizer.Words(text);
        return words.Any(w => Later.Contains(w)) ? SlotWish.Later
            : words.Any(w => Earlier.Contains(w)) ? SlotWish.Earlier
            : SlotWish.None;
    }
}
