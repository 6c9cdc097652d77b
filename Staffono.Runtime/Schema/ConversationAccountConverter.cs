using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>Hand-written reading and writing of <see cref="ConversationAccount"/> (one in every activity; see <see cref="ActivityConverter"/>).</summary>
public sealed class ConversationAccountConverter : JsonConverter<ConversationAccount>
{
    public override ConversationAccount? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadConversation(ref reader);

    public override void Write(Utf8JsonWriter writer, ConversationAccount value, JsonSerializerOptions options) => WriteBody(writer, value);

    internal static ConversationAccount? ReadConversation(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A conversation must be a JSON object, not {reader.TokenType}.");
        }

        var conversation = new ConversationAccount();
        Dictionary<string, JsonElement>? unknown = null;
        Span<char> buffer = stackalloc char[JsonWire.MaxKnownNameLength];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var length = JsonWire.ReadMemberName(ref reader, buffer, out var longName);
            var name = length < 0 ? default : buffer[..length];
            switch (name)
            {
                case "isGroup": conversation.IsGroup = JsonWire.ReadBoolean(ref reader); break;
                case "conversationType": conversation.ConversationType = JsonWire.ReadString(ref reader); break;
                case "id": conversation.Id = JsonWire.ReadString(ref reader); break;
                case "name": conversation.Name = JsonWire.ReadString(ref reader); break;
                case "aadObjectId": conversation.AadObjectId = JsonWire.ReadString(ref reader); break;
                case "role": conversation.Role = JsonWire.ReadString(ref reader); break;
                case "tenantId": conversation.TenantId = JsonWire.ReadString(ref reader); break;
                default: JsonWire.AddUnknown(ref unknown, name, longName, ref reader); break;
            }
        }

        conversation.Properties = unknown;
        return conversation;
    }

    internal static void WriteConversation(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ConversationAccount? conversation)
    {
        if (conversation is not null)
        {
            writer.WritePropertyName(name);
            WriteBody(writer, conversation);
        }
    }

    private static void WriteBody(Utf8JsonWriter writer, ConversationAccount conversation)
    {
        writer.WriteStartObject();
        JsonWire.WriteBoolean(writer, "isGroup"u8, conversation.IsGroup);
        JsonWire.WriteString(writer, "conversationType"u8, conversation.ConversationType);
        JsonWire.WriteString(writer, "id"u8, conversation.Id);
        JsonWire.WriteString(writer, "name"u8, conversation.Name);
        JsonWire.WriteString(writer, "aadObjectId"u8, conversation.AadObjectId);
        JsonWire.WriteString(writer, "role"u8, conversation.Role);
        JsonWire.WriteString(writer, "tenantId"u8, conversation.TenantId);
        JsonWire.WriteUnknown(writer, conversation.Properties);
        writer.WriteEndObject();
    }
}
