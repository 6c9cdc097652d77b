using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>Hand-written reading and writing of <see cref="ChannelAccount"/> (two in every activity; see <see cref="ActivityConverter"/>).</summary>
public sealed class ChannelAccountConverter : JsonConverter<ChannelAccount>
{
    public override ChannelAccount? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadAccount(ref reader);

    public override void Write(Utf8JsonWriter writer, ChannelAccount value, JsonSerializerOptions options) => WriteBody(writer, value);

    internal static ChannelAccount? ReadAccount(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"An account must be a JSON object, not {reader.TokenType}.");
        }

        var account = new ChannelAccount();
        Dictionary<string, JsonElement>? unknown = null;
        Span<char> buffer = stackalloc char[JsonWire.MaxKnownNameLength];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var length = JsonWire.ReadMemberName(ref reader, buffer, out var longName);
            var name = length < 0 ? default : buffer[..length];
            switch (name)
            {
                case "id": account.Id = JsonWire.ReadString(ref reader); break;
                case "name": account.Name = JsonWire.ReadString(ref reader); break;
                case "aadObjectId": account.AadObjectId = JsonWire.ReadString(ref reader); break;
                case "role": account.Role = JsonWire.ReadString(ref reader); break;
                default: JsonWire.AddUnknown(ref unknown, name, longName, ref reader); break;
            }
        }

        account.Properties = unknown;
        return account;
    }

    internal static void WriteAccount(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ChannelAccount? account)
    {
        if (account is not null)
        {
            writer.WritePropertyName(name);
            WriteBody(writer, account);
        }
    }

    private static void WriteBody(Utf8JsonWriter writer, ChannelAccount account)
    {
        writer.WriteStartObject();
        JsonWire.WriteString(writer, "id"u8, account.Id);
        JsonWire.WriteString(writer, "name"u8, account.Name);
        JsonWire.WriteString(writer, "aadObjectId"u8, account.AadObjectId);
        JsonWire.WriteString(writer, "role"u8, account.Role);
        JsonWire.WriteUnknown(writer, account.Properties);
        writer.WriteEndObject();
    }
}
