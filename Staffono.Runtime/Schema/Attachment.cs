using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>A card or file carried by an activity: send <see cref="Content"/> or <see cref="ContentUrl"/>, not both.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    /// <summary>Fields this type does not model, kept so that a round trip loses nothing.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
