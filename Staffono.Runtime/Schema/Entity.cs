using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Metadata attached to an activity (mention, place, ClientCapabilities, ...). Only <see cref="Type"/>
/// is modelled; every other field is kept in <see cref="Properties"/>. Most entities pass through a
/// turn untouched (Web Chat sends ClientCapabilities with every message), so an entity read from the
/// wire keeps its original JSON and parses it only when a field is asked for.
/// </summary>
[JsonConverter(typeof(EntityConverter))]
public sealed class Entity
{
    private static readonly string[] KnownTypes = ["ClientCapabilities", "mention", "clientInfo", "streaminfo", "Place", "GeoCoordinates"];

    private readonly string? _arrivedType;
    private byte[]? _arrivedJson;
    private JsonElement _arrived;
    private Dictionary<string, JsonElement>? _properties;

    public Entity() { }

    public Entity(string type) => Type = type;

    /// <summary>An entity from the wire: its complete JSON object and the type found in it.</summary>
    internal Entity(byte[] json, string? type)
    {
        _arrivedJson = json;
        _arrivedType = type;
        Type = type;
    }

    internal Entity(JsonElement arrived)
    {
        _arrived = arrived;
        if (arrived.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
        {
            Type = KnownType(type) ?? type.GetString();
        }

        _arrivedType = Type;
    }

    public string? Type { get; set; }

    /// <summary>Every field other than <c>type</c>; changes here are what gets written.</summary>
    public Dictionary<string, JsonElement> Properties => _properties ??= ReadArrivedProperties();

    /// <summary>A string field of the entity, or null.</summary>
    public string? GetString(string name)
    {
        var value = default(JsonElement);
        var found = _properties is null
            ? Arrived.ValueKind == JsonValueKind.Object && !string.Equals(name, "type", StringComparison.Ordinal) && Arrived.TryGetProperty(name, out value)
            : _properties.TryGetValue(name, out value);
        return found && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    internal static string? KnownType(JsonElement type) => Array.Find(KnownTypes, type.ValueEquals);

    internal static string? KnownType(ref Utf8JsonReader reader)
    {
        foreach (var known in KnownTypes)
        {
            if (reader.ValueTextEquals(known))
            {
                return known;
            }
        }

        return null;
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (_properties is null && _arrivedJson is not null && string.Equals(Type, _arrivedType, StringComparison.Ordinal))
        {
            // Untouched since it arrived: the original JSON is exactly what to send back.
            writer.WriteRawValue(_arrivedJson, skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        if (Type is not null)
        {
            writer.WriteString("type", Type);
        }

        if (_properties is not null)
        {
            foreach (var (name, value) in _properties)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }
        else if (Arrived.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in Arrived.EnumerateObject())
            {
                if (!property.NameEquals("type"))
                {
                    property.WriteTo(writer);
                }
            }
        }

        writer.WriteEndObject();
    }

    private JsonElement Arrived
    {
        get
        {
            if (_arrived.ValueKind == JsonValueKind.Undefined && _arrivedJson is not null)
            {
                using var document = JsonDocument.Parse(_arrivedJson);
                _arrived = document.RootElement.Clone();
            }

            return _arrived;
        }
    }

    private Dictionary<string, JsonElement> ReadArrivedProperties()
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Arrived.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in Arrived.EnumerateObject())
            {
                if (!property.NameEquals("type"))
                {
                    properties[property.Name] = property.Value;
                }
            }
        }

        return properties;
    }
}
