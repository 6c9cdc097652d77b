namespace Staffono.Skills.Outbox;

/// <summary>
/// One message the bot sends on its own, later: a reminder, a follow-up, a renewal nudge, an escalation,
/// a campaign message. The workflow that enqueues it also renders it when it is due (by <see cref="Kind"/>).
/// </summary>
/// <param name="Key">
/// Its identity and dedupe key, chosen by the workflow ("booking/b-12/reminder-24h"): enqueueing the same
/// key again replaces a message not yet sent, and cancelling by a key prefix drops "everything of booking b-12".
/// </param>
/// <param name="Kind">Which renderer makes it ("booking.reminder").</param>
/// <param name="Due">When it should go.</param>
/// <param name="NotAfter">After this it is no longer useful and is dropped unsent (null: useful until sent).</param>
/// <param name="ConversationReference">Where it goes, as the protocol's ConversationReference JSON.</param>
/// <param name="CustomerKey">Whose it is ("channel/user id"): opt-outs and per-chat rate limits apply to it.</param>
/// <param name="Language">"ru" or "en".</param>
/// <param name="Payload">What the renderer needs, as JSON (the booking id, the lead id, ...).</param>
/// <param name="Transactional">
/// True for what the customer asked for and is owed (a reminder of their own booking, an order update):
/// it ignores marketing opt-outs. False for follow-ups, nudges and campaigns, which «стоп» stops.
/// </param>
public sealed record OutboxMessage(
    string Key,
    string Kind,
    DateTimeOffset Due,
    DateTimeOffset? NotAfter,
    string ConversationReference,
    string CustomerKey,
    string Language,
    string Payload,
    bool Transactional);
