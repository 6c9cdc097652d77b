using Staffono.Skills.Outbox;

namespace Staffono.Bot.Outbox;

/// <summary>A due message a sender holds the lease on: the message, the activity id each send of it carries, and which attempt this is.</summary>
public sealed record ClaimedMessage(OutboxMessage Message, string ActivityId, int Attempt);
