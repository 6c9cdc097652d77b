namespace Staffono.Skills.Handoff;

/// <summary>
/// A conversation passed to a person (a ticket): who asked, in which workflow and why, what the bot had
/// already collected, and the messages, so whoever takes it over does not ask the customer again; then
/// who took it, when, and how it ended.
/// </summary>
/// <param name="Id">Short and readable ("H-12"), so the customer and the staff can name it.</param>
/// <param name="ConversationKey">"channel/conversation id".</param>
/// <param name="ConversationReference">Where to answer, as the protocol's ConversationReference JSON.</param>
/// <param name="Customer">The customer's key ("channel/user id") and name, when known.</param>
/// <param name="Fields">What the workflow collected, by field name.</param>
/// <param name="Transcript">The messages, oldest first: the last ones before the handoff, then everything said since.</param>
public sealed record HandoffRecord(
    string Id,
    string ConversationKey,
    string ConversationReference,
    string CustomerKey,
    string? CustomerName,
    string Language,
    string Workflow,
    string Reason,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<TranscriptLine> Transcript,
    DateTimeOffset CreatedAt)
{
    public HandoffPriority Priority { get; init; }

    /// <summary>What the customer asked for when the workflow began ("Booking"), as the classifier named it; null when a button began it.</summary>
    public string? Intent { get; init; }

    /// <summary>By when a person should have taken it; past it, the ticket is escalated.</summary>
    public DateTimeOffset ClaimBy { get; init; }

    /// <summary>A few lines for the person, written from the fields and the transcript.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>A phone or e-mail the customer left, for when the chat cannot reach them later.</summary>
    public string? Contact { get; init; }

    public HandoffState State { get; init; }

    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? FirstReplyAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>The operators' thread for this ticket (a Teams channel thread), as ConversationReference JSON; null when none.</summary>
    public string? OperatorThread { get; init; }

    /// <summary>The id of the card in the operators' thread, to update it in place.</summary>
    public string? CardActivityId { get; init; }

    /// <summary>True while a person has it or should take it.</summary>
    public bool IsOpen => State is HandoffState.Waiting or HandoffState.Claimed;
}
