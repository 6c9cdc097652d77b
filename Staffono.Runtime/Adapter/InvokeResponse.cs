using System.Text.Json;
using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Adapter;

/// <summary>The synchronous answer to an invoke activity: an HTTP status and a JSON body.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null)
{
    /// <summary>
    /// The Bot Framework's answer to an invoke no handler took: 501, as its SDKs answer. The body is the
    /// Bot Connector's error shape, so a channel (and whoever reads its logs) sees which invoke it was.
    /// </summary>
    public static InvokeResponse NotImplemented(string? name) =>
        new(501, Error("NotImplemented", $"This bot does not handle the invoke '{name}'."));

    /// <summary>A failed invoke: the status and <c>{"error":{"code","message"}}</c>.</summary>
    public static InvokeResponse Failed(int status, string code, string message) => new(status, Error(code, message));

    private static JsonElement Error(string code, string message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = ProtocolJson.CreateWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }
}
