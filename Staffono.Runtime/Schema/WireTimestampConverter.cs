using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Writes timestamps the way channels do: UTC as "...Z", others with their offset, fractions without
/// trailing zeros. The default converter would turn "Z" into "+00:00", which is equal in value but
/// surprises channels and breaks byte-for-byte round trips.
/// </summary>
public sealed class WireTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadTimestamp(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => WriteTimestamp(writer, value);

    internal static DateTimeOffset ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected an ISO-8601 timestamp as a string, found {reader.TokenType}.");
        }

        if (reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value)
            ? value
            : throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }

    internal static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset value)
    {
        // The round-trip format "O" has a fast formatter; custom format strings are parsed on every call.
        Span<byte> buffer = stackalloc byte[40];
        value.TryFormat(buffer, out var written, "O", CultureInfo.InvariantCulture);
        // "2026-11-24T09:15:02.5120394+00:00": 19 characters of date and time, 8 of fraction, 6 of offset.
        var fractionEnd = 27;
        while (fractionEnd > 20 && buffer[fractionEnd - 1] == (byte)'0')
        {
            fractionEnd--;
        }

        if (fractionEnd == 20)
        {
            fractionEnd = 19;
        }

        var offset = buffer[27..written];
        var length = fractionEnd;
        if (value.Offset == TimeSpan.Zero)
        {
            buffer[length++] = (byte)'Z';
        }
        else
        {
            offset.CopyTo(buffer[length..]);
            length += offset.Length;
        }

        writer.WriteStringValue(buffer[..length]);
    }
}
