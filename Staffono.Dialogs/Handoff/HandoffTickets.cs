using System.Text.Json;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>Opens a ticket for a handoff, whichever way it then goes: stored waiting, with its claim-by time and summary, and measured.</summary>
public sealed class HandoffTickets(IHandoffStore store, HandoffSla sla, HandoffSummarizer summarizer, IOutcomeLog outcomes, string operatorLanguage, TimeProvider time)
{
    public HandoffSla Sla => sla;

    public async Task<HandoffRecord> OpenAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var customer = CustomerIdentity.Of(turnContext);
        var draft = new HandoffRecord(
            string.Empty,
            CustomerIdentity.ConversationKey(turnContext),
            CustomerIdentity.ConversationReference(turnContext),
            customer.Key,
            customer.Name,
            TurnLanguage.Get(turnContext),
            request.Workflow,
            request.Reason,
            request.Fields,
            ConversationTranscript.Of(turnContext).ToList(),
            now)
        {
            Priority = request.Priority,
            Intent = request.Intent,
            ClaimBy = sla.ClaimBy(now, request.Priority),
        };
        var ticket = await store.CreateAsync(draft with { Summary = await summarizer.WriteAsync(draft, operatorLanguage, cancellationToken) }, cancellationToken);
        await outcomes.RecordAsync(new OutcomeEvent(ticket.ConversationKey, HandoffKinds.Workflow, HandoffKinds.Created, 0, now), $"{ticket.Id}: {request.Workflow}: {request.Reason}", cancellationToken);
        return ticket;
    }
}
