namespace Staffono.Runtime.Schema;

/// <summary>The inner object of <see cref="ErrorResponse"/>.</summary>
public sealed class ErrorBody
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}
