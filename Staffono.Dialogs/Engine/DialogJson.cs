using System.Text.Encodings.Web;
using System.Text.Json;

namespace Staffono.Dialogs.Engine;

/// <summary>How dialog state and prompt options become JSON in conversation state.</summary>
public static class DialogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
