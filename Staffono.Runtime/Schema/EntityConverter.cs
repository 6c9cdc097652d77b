using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>Reads an entity as one JSON element and writes it back field for field (see <see cref="Entity"/>).</summary>
public sealed class EntityConverter : JsonConverter<Entity>
{
    public override Entity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An entity must be a JSON object.");
        }

        return new Entity(JsonElement.ParseValue(ref reader));
    }

    public override void Write(Utf8JsonWriter writer, Entity value, JsonSerializerOptions options) => value.WriteTo(writer);
}
