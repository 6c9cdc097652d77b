namespace Staffono.Runtime.Schema;

/// <summary>Quick replies shown under a message; an empty <see cref="To"/> means everyone.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction>? Actions { get; set; }
}
