namespace Staffono.Skills.Handoff;

/// <summary>What came of trying to take a ticket.</summary>
public enum ClaimOutcome
{
    /// <summary>It is now the caller's.</summary>
    Claimed,

    /// <summary>The caller had it already; nothing changed.</summary>
    AlreadyYours,

    /// <summary>Someone else took it first.</summary>
    ClaimedByAnother,

    /// <summary>It was closed, returned or withdrawn.</summary>
    Finished,

    /// <summary>No ticket has that id.</summary>
    NotFound,
}
