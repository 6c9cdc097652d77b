namespace Staffono.Dialogs.Handoff;

/// <summary>What a handoff's outbox message carries: which ticket it is about.</summary>
public sealed record TicketPayload(string Ticket);
