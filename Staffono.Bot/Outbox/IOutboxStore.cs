using Staffono.Skills.Outbox;

namespace Staffono.Bot.Outbox;

/// <summary>
/// The whole outbox: the workflows' side (<see cref="IOutbox"/>) and the dispatcher's. One entry per dedupe key,
/// in one state: "pending" until it is settled, then "sent", "skipped" (with the reason; never retried) or
/// "cancelled". A sender claims due messages with a lease before sending and settles them after: while a lease
/// lasts no other claim gets the message, so two senders never send it in the same lease, and a crashed
/// sender's message goes again once its lease has run out. Several instances may share one outbox.
/// </summary>
/// <remarks>
/// What enqueueing a key again does: a message already sent stays sent (nothing is sent twice for one key), and
/// the very message already pending changes nothing (a claim on it stands); anything else is replaced and starts
/// afresh, pending with no attempts and no lease, even one that was cancelled or skipped. Settling a claim touches
/// only the message claimed: a replacement enqueued while it was claimed is left pending, to be sent.
/// </remarks>
public interface IOutboxStore : IOutbox
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> pending messages due by <paramref name="now"/>, earliest due first,
    /// until <paramref name="now"/> + <paramref name="lease"/> (a lease still holds at that very moment), and counts
    /// each claim as an attempt. A message past its <see cref="OutboxMessage.NotAfter"/> is claimed all the same,
    /// so that its sender settles it with the reason.
    /// </summary>
    Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>Sent at <paramref name="now"/>; <paramref name="outcome"/> says how where it matters (a Facebook tag).</summary>
    Task MarkSentAsync(ClaimedMessage claimed, DateTimeOffset now, string? outcome, CancellationToken cancellationToken);

    /// <summary>Settled without sending, with the reason (out of policy, no longer useful, opted out): never retried.</summary>
    Task MarkSkippedAsync(ClaimedMessage claimed, string reason, CancellationToken cancellationToken);

    /// <summary>Not now (quiet hours, a channel asking to slow down): pending again, due at <paramref name="due"/>, with the reason.</summary>
    Task PostponeAsync(ClaimedMessage claimed, DateTimeOffset due, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// The state, attempts and recorded outcome (the skip or postpone reason, the send's outcome) of one message, and
    /// the activity id every send of it carries: the same for each attempt, so a re-send after a crash is recognisable,
    /// and new when a replacement changes anything about it. Null when there is no message with that key.
    /// </summary>
    Task<(string State, int Attempts, string? Outcome, string ActivityId)?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>How many messages are in <paramref name="state"/>.</summary>
    Task<int> CountAsync(string state, CancellationToken cancellationToken = default);

    Task<int> CountSentAsync(CancellationToken cancellationToken = default);
}
