namespace Staffono.Skills.Handoff;

/// <summary>
/// A conversation passed to a person: who asked, in which workflow and why, what the bot had already
/// collected, and the last messages, so whoever takes it over does not ask the customer again.
/// </summary>
/// <param name="Id">Short and readable ("H-12"), so the customer and the staff can name it.</param>
/// <param name="ConversationKey">"channel/conversation id".</param>
/// <param name="ConversationReference">Where to answer, as the protocol's ConversationReference JSON.</param>
/// <param name="Customer">The customer's key ("channel/user id") and name, when known.</param>
/// <param name="Fields">What the workflow collected, by field name.</param>
/// <param name="Transcript">The last messages, oldest first.</param>
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
    DateTimeOffset CreatedAt);
