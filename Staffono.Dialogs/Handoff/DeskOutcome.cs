namespace Staffono.Dialogs.Handoff;

/// <summary>What came of an operator's action on a ticket.</summary>
public enum DeskOutcome
{
    Done,
    NotFound,

    /// <summary>Someone else has the ticket.</summary>
    ClaimedByAnother,

    /// <summary>The ticket is closed, returned or withdrawn.</summary>
    Finished,

    /// <summary>Replying needs the ticket claimed by the one who replies.</summary>
    NotClaimedByYou,

    /// <summary>An empty reply.</summary>
    Empty,

    /// <summary>The customer's channel did not take the reply (the conversation is gone, the channel refused it).</summary>
    Undelivered,
}
