namespace Staffono.Dialogs.Handoff;

/// <summary>The outcome events handoffs record (workflow "handoff"), from which the owner reads the KPIs.</summary>
public static class HandoffKinds
{
    public const string Workflow = "handoff";

    /// <summary>A ticket was opened; the detail is the reason.</summary>
    public const string Created = "created";

    /// <summary>A person took it; the detail is the seconds it waited.</summary>
    public const string Claimed = "claimed";

    /// <summary>The person's first message reached the customer; the detail is the seconds since the ticket was opened.</summary>
    public const string FirstReply = "first_reply";

    public const string ResolvedByOperator = "resolved_by_operator";
    public const string ReturnedToBot = "returned_to_bot";
    public const string Withdrawn = "withdrawn";

    /// <summary>Nobody took it within its window.</summary>
    public const string SlaMissed = "sla_missed";

    /// <summary>The operators' channel refused the card (Teams 403/429); the ticket is in the console.</summary>
    public const string ChannelFailed = "channel_failed";

    /// <summary>An agent hub reported a state (accepted, failed, completed); the detail says which.</summary>
    public const string HubStatus = "hub_status";

    /// <summary>The detail of a timed event: "H-3: 75", the ticket and whole seconds since <paramref name="since"/>.</summary>
    public static string Timed(string ticketId, DateTimeOffset since, DateTimeOffset now) =>
        $"{ticketId}: {((long)Math.Max(0, (now - since).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
