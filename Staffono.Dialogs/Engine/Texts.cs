using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Staffono.Runtime.Schema;

namespace Staffono.Dialogs.Engine;

/// <summary>
/// Every text the bot says, by key ("booking.ask_service") and language. Each folder keeps its own
/// texts beside its dialogs (<c>Resources/texts.ru.json</c> the shared ones, <c>Booking/texts.ru.json</c>
/// the booking ones, ...); all are embedded and read together, and a key defined twice is an error.
/// A missing key is a bug, so it throws rather than showing the key to a customer; a test checks that
/// every key exists in both languages.
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

    /// <summary>The text for <paramref name="key"/> when there is one (names of optional things: a workflow, a field); else null.</summary>
    public static string? TryGet(string language, string key) =>
        For(language).TryGetValue(key, out var text) ? text : null;

    /// <summary>A message activity with the text, in the language's locale.</summary>
    public static Activity Message(string language, string key, params object?[] args)
    {
        var message = Activity.CreateMessage(Get(language, key, args));
        message.Locale = TurnLanguage.Locale(language);
        return message;
    }

    private const string ResourcePrefix = "Staffono.Dialogs.Texts.";

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        var assembly = typeof(Texts).Assembly;
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in new[] { TurnLanguage.Russian, TurnLanguage.English })
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            var files = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith($"texts.{language}.json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new InvalidOperationException($"No embedded texts for language '{language}'.");
            }

            foreach (var name in files)
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
                {
                    if (!texts.TryAdd(key, text))
                    {
                        throw new InvalidOperationException($"The text '{key}' is defined twice ({name[ResourcePrefix.Length..]} and another file).");
                    }
                }
            }

            result[language] = texts;
        }

        return result;
    }
}
