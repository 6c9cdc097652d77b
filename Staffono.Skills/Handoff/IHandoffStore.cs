namespace Staffono.Skills.Handoff;

/// <summary>Handoff requests, kept until a person deals with them.</summary>
public interface IHandoffStore
{
    /// <summary>Stores a request and gives it its readable id (the record's own <c>Id</c> is ignored).</summary>
    Task<HandoffRecord> CreateAsync(HandoffRecord request, CancellationToken cancellationToken = default);

    Task<HandoffRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The requests of one conversation, oldest first.</summary>
    Task<IReadOnlyList<HandoffRecord>> OfConversationAsync(string conversationKey, CancellationToken cancellationToken = default);
}
