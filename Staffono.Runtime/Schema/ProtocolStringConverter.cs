using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Strings of the protocol, read and written with two shortcuts that matter on every activity:
/// values that recur in every activity ("message", "webchat", "ru-RU", ...) are not allocated again,
/// and text that needs no escaping — most Russian text — is copied as UTF-8 in one step instead of
/// going through the encoder character by character.
/// </summary>
public sealed class ProtocolStringConverter : JsonConverter<string>
{
    private const int MaxInternedLength = 48;
    private const int StackLimit = 512;

    private static readonly SearchValues<char> NeedsEscaping = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u2028\u2029");

    private static readonly (byte[] Utf8, string Value)[][] InternedByLength = BuildInternTable(
    [
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.Typing, ActivityTypes.Event, ActivityTypes.Invoke,
        ActivityTypes.EndOfConversation, ActivityTypes.MessageReaction, ActivityTypes.InstallationUpdate,
        ChannelIds.Webchat, ChannelIds.DirectLine, ChannelIds.Emulator, ChannelIds.MsTeams, ChannelIds.Telegram, ChannelIds.Facebook,
        TextFormats.Plain, TextFormats.Markdown, TextFormats.Xml, RoleTypes.User, RoleTypes.Bot,
        InputHints.AcceptingInput, InputHints.ExpectingInput, InputHints.IgnoringInput,
        DeliveryModes.Normal, DeliveryModes.ExpectReplies, DeliveryModes.Notification,
        "ru", "en", "ru-RU", "en-US", "en-GB", "Europe/Moscow", "ClientCapabilities", "mention", "clientInfo",
        ActionTypes.ImBack, ActionTypes.PostBack, ActionTypes.MessageBack, ActionTypes.OpenUrl,
        HeroCard.ContentType, AdaptiveCards.ContentType,
        // Service URLs of Azure Bot Service channels: the same on every activity of a channel.
        "https://webchat.botframework.com/", "https://directline.botframework.com/",
        "https://europe.webchat.botframework.com/", "https://europe.directline.botframework.com/",
        "https://telegram.botframework.com/", "https://facebook.botframework.com/",
        "https://smba.trafficmanager.net/teams/", "https://smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/apac/",
    ]);

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadString(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => WriteString(writer, value);

    internal static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= MaxInternedLength)
        {
            var span = reader.ValueSpan;
            foreach (var (utf8, value) in InternedByLength[span.Length])
            {
                if (span.SequenceEqual(utf8))
                {
                    return value;
                }
            }
        }

        return reader.GetString();
    }

    internal static void WriteString(Utf8JsonWriter writer, string value)
    {
        if (value.AsSpan().ContainsAny(NeedsEscaping) || !IsWellFormedUtf16(value))
        {
            writer.WriteStringValue(value);
            return;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length) + 2;
        byte[]? rented = null;
        var buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            buffer[0] = (byte)'"';
            var length = Encoding.UTF8.GetBytes(value, buffer[1..]) + 1;
            buffer[length++] = (byte)'"';
            // Nothing in the text needs escaping (checked above), so it is already a valid JSON string.
            writer.WriteRawValue(buffer[..length], skipInputValidation: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static bool IsWellFormedUtf16(string value) => !value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') || Utf16IsValid(value);

    private static bool Utf16IsValid(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static (byte[] Utf8, string Value)[][] BuildInternTable(string[] values)
    {
        var table = new List<(byte[], string)>[MaxInternedLength + 1];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = [];
        }

        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            if (utf8.Length <= MaxInternedLength)
            {
                table[utf8.Length].Add((utf8, value));
            }
        }

        return table.Select(list => list.ToArray()).ToArray();
    }
}
