namespace Staffono.Runtime.Schema;

/// <summary>A part of a referenced text to highlight.</summary>
public sealed class TextHighlight
{
    public string? Text { get; set; }
    public int? Occurrence { get; set; }
}
