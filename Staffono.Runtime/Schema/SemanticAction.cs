namespace Staffono.Runtime.Schema;

/// <summary>A programmatic action the activity asks for.</summary>
public sealed class SemanticAction
{
    public string? Id { get; set; }
    public string? State { get; set; }
    public Dictionary<string, Entity>? Entities { get; set; }
}
