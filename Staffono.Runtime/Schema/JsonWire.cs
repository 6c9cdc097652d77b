using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Reading and writing helpers shared by the hand-written converters of the hot-path types
/// (<see cref="Activity"/>, <see cref="ChannelAccount"/>, <see cref="ConversationAccount"/>).
/// </summary>
internal static class JsonWire
{
    /// <summary>Reads the value of one member into <paramref name="target"/>; returns false when the member is not a known one.</summary>
    public delegate bool MemberReader<in T>(ref Utf8JsonReader reader, T target, scoped ReadOnlySpan<char> name)
        where T : allows ref struct;

    /// <summary>Longest member name the converters match; longer names can only be unknown fields.</summary>
    public const int MaxKnownNameLength = 32;

    /// <summary>
    /// Reads a JSON object into <paramref name="target"/>: known members through <paramref name="readMember"/>,
    /// the rest kept as elements. Returns the unknown members, or null when there were none.
    /// </summary>
    public static Dictionary<string, JsonElement>? ReadObject<T>(ref Utf8JsonReader reader, T target, string what, MemberReader<T> readMember)
        where T : allows ref struct
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{what} must be a JSON object, not {reader.TokenType}.");
        }

        Dictionary<string, JsonElement>? unknown = null;
        Span<char> buffer = stackalloc char[MaxKnownNameLength];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var length = ReadMemberName(ref reader, buffer, out var longName);
            try
            {
                if (length < 0 || !readMember(ref reader, target, buffer[..length]))
                {
                    AddUnknown(ref unknown, length < 0 ? default : buffer[..length], longName, ref reader);
                }
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                // The answer to a bad activity names the field: "from.id: expected a string, found Number".
                throw InField(longName ?? buffer[..length].ToString(), ex);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException($"{what}'s JSON ends early.");
        }

        return unknown;
    }

    /// <summary>
    /// Reads the current member name into <paramref name="buffer"/> and moves to its value. Returns the
    /// name's length, or -1 with <paramref name="longName"/> set when it cannot be a known member.
    /// </summary>
    public static int ReadMemberName(ref Utf8JsonReader reader, scoped Span<char> buffer, out string? longName)
    {
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException($"Expected a member name, found {reader.TokenType}.");
        }

        int length;
        if (!reader.HasValueSequence && reader.ValueSpan.Length <= buffer.Length)
        {
            length = reader.CopyString(buffer);
            longName = null;
        }
        else
        {
            longName = reader.GetString();
            length = -1;
        }

        if (!reader.Read())
        {
            throw new JsonException("The JSON ends after a member name.");
        }

        return length;
    }

    public static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => ProtocolStringConverter.ReadString(ref reader),
        _ => throw new JsonException($"expected a string, found {reader.TokenType}."),
    };

    public static bool? ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"expected true or false, found {reader.TokenType}."),
    };

    public static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : WireTimestampConverter.ReadTimestamp(ref reader);

    /// <summary>Any JSON value kept as it is; JSON null reads as absent.</summary>
    public static JsonElement? ReadElement(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    /// <summary>A value of a type without a hand-written converter, through its source-generated metadata.</summary>
    public static T? Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? default : JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));

    /// <summary>A list whose items use their source-generated metadata; the list itself is read here, and a null item is refused.</summary>
    public static List<T>? ReadList<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array, found {reader.TokenType}.");
        }

        var items = new List<T>();
        JsonTypeInfo<T>? itemType = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            itemType ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            try
            {
                items.Add(JsonSerializer.Deserialize(ref reader, itemType) ?? throw new JsonException("expected a value, found null."));
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                throw InField($"[{items.Count}]", ex);
            }
        }

        return items;
    }

    /// <summary>What reading a mistyped or malformed value throws (the reader itself throws more than JsonException).</summary>
    public static bool IsReadFailure(Exception ex) => ex is JsonException or InvalidOperationException or FormatException or OverflowException;

    /// <summary>The failure, with <paramref name="field"/> in front of the path it already names.</summary>
    public static JsonFieldException InField(string field, Exception ex) => ex switch
    {
        JsonFieldException inner => new JsonFieldException(field + (inner.Field.StartsWith('[') ? string.Empty : ".") + inner.Field, inner.Reason),
        JsonException { Path: { Length: > 1 } path } json => new JsonFieldException(field + path.TrimStart('$'), ReasonOf(json.Message)),
        _ => new JsonFieldException(field, ReasonOf(ex.Message)),
    };

    /// <summary>The reader's message without the "Path: ... | LineNumber: ..." tail the field already says.</summary>
    private static string ReasonOf(string message)
    {
        var tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return tail > 0 ? message[..tail] : message;
    }

    public static void AddUnknown(ref Dictionary<string, JsonElement>? properties, scoped ReadOnlySpan<char> name, string? longName, ref Utf8JsonReader reader)
    {
        properties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        properties[longName ?? name.ToString()] = JsonElement.ParseValue(ref reader);
    }

    public static void WriteString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            ProtocolStringConverter.WriteString(writer, value);
        }
    }

    public static void WriteBoolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } b)
        {
            writer.WriteBoolean(name, b);
        }
    }

    public static void WriteTimestamp(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTimeOffset? value)
    {
        if (value is { } t)
        {
            writer.WritePropertyName(name);
            WireTimestampConverter.WriteTimestamp(writer, t);
        }
    }

    public static void WriteElement(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }

    public static void Write<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value, JsonSerializerOptions options)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
    }

    public static void WriteUnknown(Utf8JsonWriter writer, Dictionary<string, JsonElement>? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
