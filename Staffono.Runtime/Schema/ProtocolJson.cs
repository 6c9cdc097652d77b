using System.Buffers;
using System.Text.Json;

namespace Staffono.Runtime.Schema;

/// <summary>Reading and writing activities with the source-generated context.</summary>
public static class ProtocolJson
{
    /// <summary>Parses an activity; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static Activity? DeserializeActivity(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, RuntimeJsonContext.Default.Activity);

    /// <summary>Parses an activity from text.</summary>
    public static Activity? DeserializeActivity(string json) =>
        JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.Activity);

    public static string Serialize(Activity activity) =>
        JsonSerializer.Serialize(activity, RuntimeJsonContext.Default.Activity);

    public static byte[] SerializeToUtf8Bytes(Activity activity) =>
        JsonSerializer.SerializeToUtf8Bytes(activity, RuntimeJsonContext.Default.Activity);

    /// <summary>Writes into a caller-owned buffer, so a hot path can reuse it.</summary>
    public static void Serialize(Utf8JsonWriter writer, Activity activity) =>
        JsonSerializer.Serialize(writer, activity, RuntimeJsonContext.Default.Activity);

    /// <summary>A value as a <see cref="JsonElement"/> (for channelData and value).</summary>
    public static JsonElement ToElement(string value) =>
        JsonSerializer.SerializeToElement(value, RuntimeJsonContext.Default.String);

    internal static void Serialize(IBufferWriter<byte> buffer, Activity activity)
    {
        using var writer = new Utf8JsonWriter(buffer);
        Serialize(writer, activity);
    }
}
