namespace Staffono.Skills.Handoff;

/// <summary>
/// Handoff requests, kept until a person deals with them. Ids are short enough to say aloud: "H-" and a
/// number, counting up from H-1 in the order requests are stored and never given twice, however many
/// instances store at once.
/// </summary>
public interface IHandoffStore
{
    /// <summary>Stores a request and gives it its readable id (the record's own <c>Id</c> is ignored).</summary>
    Task<HandoffRecord> CreateAsync(HandoffRecord request, CancellationToken cancellationToken = default);

    /// <summary>The request as it was stored, with its id; null when no request has <paramref name="id"/>.</summary>
    Task<HandoffRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The requests of one conversation, oldest first.</summary>
    Task<IReadOnlyList<HandoffRecord>> OfConversationAsync(string conversationKey, CancellationToken cancellationToken = default);
}
