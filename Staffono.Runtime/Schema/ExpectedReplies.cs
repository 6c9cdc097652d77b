namespace Staffono.Runtime.Schema;

/// <summary>The body answering an <c>expectReplies</c> request: every activity the turn sent, in order.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
}
