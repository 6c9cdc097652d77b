using System.Text.Json;
using Staffono.Skills.Handoff;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Handoff;

/// <summary>What a handoff's outbox message carries: which ticket it is about.</summary>
public sealed record TicketPayload(string Ticket)
{
    /// <summary>The message's ticket while it still waits for a person; null once someone has it (the message is then not worth sending).</summary>
    public static async Task<HandoffRecord?> StillWaitingAsync(IHandoffStore store, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Deserialize<TicketPayload>(message.Payload)?.Ticket is { } id
            && await store.FindAsync(id, cancellationToken) is { State: HandoffState.Waiting } ticket
                ? ticket
                : null;
    }
}
