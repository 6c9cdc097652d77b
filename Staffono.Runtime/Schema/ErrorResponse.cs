namespace Staffono.Runtime.Schema;

/// <summary>The connector's error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorBody? Error { get; set; }
}
