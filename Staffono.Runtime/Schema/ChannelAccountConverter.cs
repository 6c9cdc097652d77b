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

        var account = new ChannelAccount();
        account.Properties = JsonWire.ReadObject(ref reader, account, "An account", ReadMember);
        return account;
    }

    private static bool ReadMember(ref Utf8JsonReader reader, ChannelAccount account, scoped ReadOnlySpan<char> name)
    {
        switch (name)
        {
            case "id": account.Id = JsonWire.ReadString(ref reader); return true;
            case "name": account.Name = JsonWire.ReadString(ref reader); return true;
            case "aadObjectId": account.AadObjectId = JsonWire.ReadString(ref reader); return true;
            case "role": account.Role = JsonWire.ReadString(ref reader); return true;
            default: return false;
        }
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
