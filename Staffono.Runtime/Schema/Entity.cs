using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Metadata attached to an activity (mention, place, ClientCapabilities, ...). Only <see cref="Type"/>
/// is modelled; every other field stays in <see cref="Properties"/>.
/// </summary>
public sealed class Entity
{
    public Entity() { }

    public Entity(string type) => Type = type;

    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A string field of the entity, or null.</summary>
    public string? GetString(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
