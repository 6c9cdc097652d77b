namespace Staffono.Runtime.Adapter;

/// <summary>Which of the two product languages to answer in when nothing better is known.</summary>
public static class Language
{
    /// <summary>Russian when the locale says so, or, without a locale, when the text is written in Cyrillic.</summary>
    public static bool IsRussian(string? locale, string? text)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            return locale.StartsWith("ru", StringComparison.OrdinalIgnoreCase);
        }

        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int cyrillic = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                latin++;
            }
        }

        return cyrillic > latin;
    }
}
