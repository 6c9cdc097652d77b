using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Handoff;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Handoff;

/// <summary>The customer's word when nobody took their ticket in time: sorry, still coming, roughly when. Nothing once someone has it.</summary>
public sealed class HandoffWaitRenderer(IHandoffStore store, HandoffSla sla) : IOutboxRenderer
{
    public string Kind => HandoffEscalation.WaitKind;

    /// <summary>A person's answer to the customer's own request: Facebook allows it as human agent work.</summary>
    public string? FacebookTag => "HUMAN_AGENT";

    public async Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await TicketPayload.StillWaitingAsync(store, message, cancellationToken) is not { } ticket
            ? null
            : new LogicalReply(Texts.Get(message.Language, "handoff.wait", ticket.Id, Math.Max(1, (int)Math.Ceiling(sla.Window(ticket.Priority).TotalMinutes))));
    }
}
