namespace Staffono.Bot.Outbox;

/// <summary>What the channel policy says about one due message now.</summary>
public sealed record OutboxDecision(OutboxVerdict Verdict, string? Reason = null, DateTimeOffset? Until = null, string? FacebookTag = null)
{
    public static OutboxDecision Send(string? facebookTag = null) => new(OutboxVerdict.Send, facebookTag is null ? null : "facebook tag " + facebookTag, null, facebookTag);

    public static OutboxDecision Skip(string reason) => new(OutboxVerdict.Skip, reason);

    public static OutboxDecision Postpone(DateTimeOffset until, string reason) => new(OutboxVerdict.Postpone, reason, until);
}

/// <summary>Send it now; try again later; or never (recorded with the reason).</summary>
public enum OutboxVerdict
{
    Send,
    Postpone,
    Skip,
}
