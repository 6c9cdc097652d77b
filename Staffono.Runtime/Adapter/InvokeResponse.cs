using System.Text.Json;

namespace Staffono.Runtime.Adapter;

/// <summary>The synchronous answer to an invoke activity: an HTTP status and a JSON body.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null);
