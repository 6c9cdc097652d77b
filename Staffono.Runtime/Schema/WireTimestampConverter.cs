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
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value)
            ? value
            : throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[40];
        var format = value.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";
        if (value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(buffer[..written]);
        }
        else
        {
            writer.WriteStringValue(value.ToString(format, CultureInfo.InvariantCulture));
        }
    }
}
