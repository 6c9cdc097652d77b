using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Staffono.Runtime.Schema;

/// <summary>Reading and writing activities with the source-generated context.</summary>
public static class ProtocolJson
{
    /// <summary>
    /// The protocol's serializer context. Text is written as UTF-8 without HTML-safe escaping: activities
    /// are never embedded in HTML, and escaping every Cyrillic letter as \uXXXX would make Russian
    /// messages six times larger and slower to write.
    /// </summary>
    public static RuntimeJsonContext Context { get; } = new(new JsonSerializerOptions(RuntimeJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Parses an activity; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static Activity? DeserializeActivity(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = Context.Options.MaxDepth });
        if (!reader.Read())
        {
            throw new JsonException("The input holds no JSON value.");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var activity = ActivityConverter.ReadActivity(ref reader, Context.Options, utf8);
        if (reader.Read())
        {
            throw new JsonException("The input continues after the activity's JSON object.");
        }

        return activity;
    }

    /// <summary>
    /// Reads an activity a client sent, refusing anything that is not well-formed: malformed text
    /// (invalid UTF-8, half a surrogate pair), JSON that does not parse, and values of the wrong type.
    /// The error names the field and the problem, for a 400 answer; nothing throws.
    /// </summary>
    public static bool TryReadInbound(ReadOnlySpan<byte> utf8, out Activity? activity, out string? error)
    {
        activity = null;
        if (utf8.IsEmpty)
        {
            error = "The request body is empty; expected an activity as JSON.";
            return false;
        }

        if (JsonTextValidator.FindMalformedText(utf8) is { } malformed)
        {
            error = $"The activity holds malformed text: {malformed}.";
            return false;
        }

        try
        {
            activity = DeserializeActivity(utf8);
        }
        catch (Exception ex) when (JsonWire.IsReadFailure(ex))
        {
            error = $"The request body is not a valid activity: {ex.Message}";
            return false;
        }

        error = activity is null ? "The request body is null; expected an activity as JSON." : null;
        return activity is not null;
    }

    /// <summary>Parses an activity from text.</summary>
    public static Activity? DeserializeActivity(string json) =>
        DeserializeActivity(System.Text.Encoding.UTF8.GetBytes(json));

    public static string Serialize(Activity activity) =>
        JsonSerializer.Serialize(activity, ProtocolJson.Context.Activity);

    public static byte[] SerializeToUtf8Bytes(Activity activity) =>
        JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Context.Activity);

    /// <summary>Writes into a caller-owned buffer, so a hot path can reuse it.</summary>
    public static void Serialize(Utf8JsonWriter writer, Activity activity) =>
        JsonSerializer.Serialize(writer, activity, ProtocolJson.Context.Activity);

    /// <summary>A value as a <see cref="JsonElement"/> (for channelData and value).</summary>
    public static JsonElement ToElement(string value) =>
        JsonSerializer.SerializeToElement(value, ProtocolJson.Context.String);

    /// <summary>A writer with the protocol's escaping rules, for callers that serialize into their own buffers.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> buffer) =>
        new(buffer, new JsonWriterOptions { Encoder = Context.Options.Encoder, SkipValidation = true });
}
