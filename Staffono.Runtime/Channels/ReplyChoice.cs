namespace Staffono.Runtime.Channels;

/// <summary>One option offered to the user: the title shown and the text that comes back when it is picked.</summary>
public sealed record ReplyChoice(string Title, string? Value = null)
{
    public string EffectiveValue => Value ?? Title;
}
