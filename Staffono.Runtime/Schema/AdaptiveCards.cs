using System.Text.Json;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Adaptive Cards travel as JSON: the runtime does not model their schema, it only carries them and
/// knows which version a channel can show.
/// </summary>
public static class AdaptiveCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>An attachment holding the card JSON as given.</summary>
    public static Attachment ToAttachment(JsonElement card) => new() { ContentType = ContentType, Content = card.Clone() };

    /// <summary>An attachment holding the card parsed from <paramref name="json"/>.</summary>
    public static Attachment ToAttachment(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ToAttachment(doc.RootElement);
    }

    /// <summary>The card's declared <c>version</c> ("1.5"), or null.</summary>
    public static Version? GetVersion(JsonElement card) =>
        card.ValueKind == JsonValueKind.Object && card.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
            && Version.TryParse(v.GetString(), out var parsed) ? parsed : null;
}
