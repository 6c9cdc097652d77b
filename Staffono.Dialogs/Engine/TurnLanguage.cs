using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Engine;

/// <summary>
/// The language a turn is answered in ("ru" or "en"). The main dialog settles it from the user's
/// remembered choice, the activity's locale or the text's script; everything else just reads it.
/// </summary>
public static class TurnLanguage
{
    public const string Russian = "ru";
    public const string English = "en";
    private const string Key = "Staffono.Language";

    public static string Get(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.TryGetValue(Key, out var value) && value is string language)
        {
            return language;
        }

        return Language.IsRussian(turnContext.Activity.Locale, turnContext.Activity.Text) ? Russian : English;
    }

    public static void Set(ITurnContext turnContext, string language)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState[Key] = language == Russian ? Russian : English;
    }

    public static string Locale(string language) => language == Russian ? "ru-RU" : "en-US";
}
