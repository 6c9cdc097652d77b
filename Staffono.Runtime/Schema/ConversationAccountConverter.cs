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

        var conversation = new ConversationAccount();
        conversation.Properties = JsonWire.ReadObject(ref reader, conversation, "A conversation", ReadMember);
        return conversation;
    }

    private static bool ReadMember(ref Utf8JsonReader reader, ConversationAccount conversation, scoped ReadOnlySpan<char> name)
    {
        switch (name)
        {
            case "isGroup": conversation.IsGroup = JsonWire.ReadBoolean(ref reader); return true;
            case "conversationType": conversation.ConversationType = JsonWire.ReadString(ref reader); return true;
            case "id": conversation.Id = JsonWire.ReadString(ref reader); return true;
            case "name": conversation.Name = JsonWire.ReadString(ref reader); return true;
            case "aadObjectId": conversation.AadObjectId = JsonWire.ReadString(ref reader); return true;
            case "role": conversation.Role = JsonWire.ReadString(ref reader); return true;
            case "tenantId": conversation.TenantId = JsonWire.ReadString(ref reader); return true;
            default: return false;
        }
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
