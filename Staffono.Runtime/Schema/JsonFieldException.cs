using System.Text.Json;

namespace Staffono.Runtime.Schema;

/// <summary>A value that could not be read, with the path of the field it is in ("from.id", "attachments[0].contentType").</summary>
public sealed class JsonFieldException(string field, string reason) : JsonException($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
