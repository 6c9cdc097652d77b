namespace Staffono.Skills.Handoff;

/// <summary>
/// Handoff tickets and their audit. Ids are short enough to say aloud: "H-" and a number, counting up from
/// H-1 in the order tickets are stored and never given twice, however many instances store at once. Every
/// change of state is conditional, so two people pressing "claim" at once get one winner, and each change
/// is written to the ticket's audit with who made it.
/// </summary>
public interface IHandoffStore
{
    /// <summary>Most lines a ticket's transcript keeps (the oldest go first).</summary>
    const int MaxTranscriptLines = 200;

    /// <summary>Stores a ticket (waiting) and gives it its readable id (the record's own <c>Id</c> and state are ignored).</summary>
    Task<HandoffRecord> CreateAsync(HandoffRecord request, CancellationToken cancellationToken = default);

    /// <summary>The ticket as it is now; null when no ticket has <paramref name="id"/>.</summary>
    Task<HandoffRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The tickets of one conversation, oldest first.</summary>
    Task<IReadOnlyList<HandoffRecord>> OfConversationAsync(string conversationKey, CancellationToken cancellationToken = default);

    /// <summary>The conversation's open ticket (waiting or claimed), the newest if there were several; null when none is open.</summary>
    Task<HandoffRecord?> OpenOfConversationAsync(string conversationKey, CancellationToken cancellationToken = default);

    /// <summary>The ticket whose operators' thread has this conversation id; null when none.</summary>
    Task<HandoffRecord?> FindByThreadAsync(string threadConversationId, CancellationToken cancellationToken = default);

    /// <summary>Every open ticket, and those finished since <paramref name="finishedSince"/>; open first, oldest first within each.</summary>
    Task<IReadOnlyList<HandoffRecord>> ListAsync(DateTimeOffset finishedSince, CancellationToken cancellationToken = default);

    /// <summary>Waiting tickets past their claim-by time that were not escalated yet.</summary>
    Task<IReadOnlyList<HandoffRecord>> DueForEscalationAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Gives a waiting ticket to <paramref name="operatorName"/>; claiming one's own ticket again changes nothing (and says so).</summary>
    Task<(ClaimOutcome Outcome, HandoffRecord? Ticket)> ClaimAsync(string id, string operatorName, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends an open ticket as <paramref name="how"/> (closed or returned; withdrawn only while nobody has it yet);
    /// null when it could not end so (or was not found).
    /// </summary>
    Task<HandoffRecord?> FinishAsync(string id, HandoffState how, string actor, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Adds a message to the ticket's transcript; an operator's first one is noted as the first reply. Null when not found.</summary>
    Task<HandoffRecord?> AppendAsync(string id, TranscriptLine line, CancellationToken cancellationToken = default);

    /// <summary>Keeps the phone or e-mail the customer left.</summary>
    Task SetContactAsync(string id, string contact, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Keeps where the ticket's card is in the operators' channel.</summary>
    Task SetOperatorThreadAsync(string id, string threadConversationId, string threadReference, string? cardActivityId, CancellationToken cancellationToken = default);

    /// <summary>Marks a waiting ticket escalated; false when it already was, or is no longer waiting.</summary>
    Task<bool> MarkEscalatedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Writes something else that happened to the ticket into its audit (a refused card, an escalation ping).</summary>
    Task NoteAsync(string id, HandoffAuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The ticket's audit, oldest first.</summary>
    Task<IReadOnlyList<HandoffAuditEntry>> AuditAsync(string id, CancellationToken cancellationToken = default);
}
