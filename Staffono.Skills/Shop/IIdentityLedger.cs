namespace Staffono.Skills.Shop;

/// <summary>
/// Failed identity checks, locks, and contacts a conversation has proven. Both the order and the
/// conversation lock: a guesser cannot move to another order, nor to another chat for the same order.
/// </summary>
public interface IIdentityLedger
{
    Task RecordFailureAsync(string? orderNumber, string conversationKey, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Until when the order or the conversation is locked (<paramref name="rules"/>' attempts within its lock time), or null.</summary>
    Task<DateTimeOffset?> LockedUntilAsync(string? orderNumber, string conversationKey, IdentityRules rules, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Remembers that the conversation proved this contact (normalised), so other orders of it need no second check.</summary>
    Task RememberVerifiedAsync(string conversationKey, string contactKey, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> VerifiedContactsAsync(string conversationKey, CancellationToken cancellationToken = default);
}
