using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Staffono.Runtime.Schema;

namespace Staffono.Dialogs.Engine;

/// <summary>
/// Every text the bot says, by key ("booking.ask_service") and language, from
/// <c>Resources/texts.ru.json</c> and <c>Resources/texts.en.json</c>. A missing key is a bug, so it
/// throws rather than showing the key to a customer; a test checks both files have the same keys.
/// </summary>
public static class Texts
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> All = new(Load);

    public static IReadOnlyCollection<string> Languages => All.Value.Keys.ToList();

    public static IReadOnlyDictionary<string, string> For(string language) =>
        All.Value.TryGetValue(language, out var texts) ? texts : All.Value[TurnLanguage.English];

    /// <summary>The text for <paramref name="key"/>, with {0}, {1}, ... filled from <paramref name="args"/>.</summary>
    public static string Get(string language, string key, params object?[] args)
    {
        if (!For(language).TryGetValue(key, out var text))
        {
            throw new KeyNotFoundException($"No text '{key}' in language '{language}'.");
        }

        return args.Length == 0 ? text : string.Format(CultureInfo.GetCultureInfo(TurnLanguage.Locale(language)), text, args);
    }

    /// <summary>A message activity with the text, in the language's locale.</summary>
    public static Activity Message(string language, string key, params object?[] args)
    {
        var message = Activity.CreateMessage(Get(language, key, args));
        message.Locale = TurnLanguage.Locale(language);
        return message;
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        var assembly = typeof(Texts).Assembly;
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in new[] { TurnLanguage.Russian, TurnLanguage.English })
        {
            var name = $"Staffono.Dialogs.Resources.texts.{language}.json";
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
            result[language] = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        }

        return result;
    }
}
