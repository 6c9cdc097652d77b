namespace Staffono.Skills.Handoff;

/// <summary>Where a handoff ticket is in its life.</summary>
public enum HandoffState
{
    /// <summary>Nobody has taken it yet; the SLA clock runs.</summary>
    Waiting,

    /// <summary>A person has it: the customer's messages go to them and the bot keeps quiet.</summary>
    Claimed,

    /// <summary>The person resolved it and closed it.</summary>
    Closed,

    /// <summary>The person gave the conversation back to the bot.</summary>
    Returned,

    /// <summary>The customer withdrew the request before anyone took it.</summary>
    Withdrawn,
}
