using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;
using Staffono.Skills.Understanding;
using Staffono.Skills.Understanding.Entities;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// While a conversation's ticket is open, the conversation belongs to people: every customer message is
/// added to the ticket and shown in the operators' thread, and the bot does not answer it. While nobody has
/// taken the ticket yet the bot only says it was added (and keeps a phone or e-mail the customer leaves);
/// «отмена» withdraws the request. Once a person has it, the bot is silent. When the ticket is finished,
/// the next message is the bot's again.
/// </summary>
public sealed class OperatorRelay(IHandoffStore store, IEnumerable<IOperatorChannel> channels, IOutcomeLog outcomes, TimeProvider time, ILogger<OperatorRelay>? logger = null)
{
    /// <summary>True when the turn's message went to people and the bot must not answer it.</summary>
    /// <remarks>
    /// The store, not conversation state, says whether the conversation is with people: a ticket stored in a
    /// turn that then failed (and lost its state) still gets the customer's messages.
    /// </remarks>
    public async Task<bool> TryRelayAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Type != ActivityTypes.Message
            || await store.OpenOfConversationAsync(CustomerIdentity.ConversationKey(turnContext), cancellationToken) is not { } ticket)
        {
            return false;
        }

        var language = TurnLanguage.Get(turnContext);
        var text = TextOf(turnContext.Activity);
        var now = time.GetUtcNow();
        if (ticket.State == HandoffState.Waiting && InterruptionRecognizer.Recognize(text) == Interruption.Cancel)
        {
            if (await store.FinishAsync(ticket.Id, HandoffState.Withdrawn, "customer", now, cancellationToken) is { } withdrawn)
            {
                await outcomes.RecordAsync(new OutcomeEvent(ticket.ConversationKey, HandoffKinds.Workflow, HandoffKinds.Withdrawn, 0, now), ticket.Id, cancellationToken);
                await channels.TellAllAsync((channel, ct) => channel.TicketChangedAsync(withdrawn, ct), ticket.Id, logger, cancellationToken);
                await turnContext.SendActivityAsync(Texts.Message(language, "handoff.withdrawn", ticket.Id), cancellationToken);
                return true;
            }

            // Someone took it a moment ago: the «отмена» goes to them like any other message.
            ticket = await store.FindAsync(ticket.Id, cancellationToken) ?? ticket;
        }

        ticket = await store.AppendAsync(ticket.Id, new TranscriptLine(true, text, now), cancellationToken) ?? ticket;
        await channels.TellAllAsync((channel, ct) => channel.CustomerWroteAsync(ticket, text, ct), ticket.Id, logger, cancellationToken);
        if (ticket.State != HandoffState.Waiting)
        {
            return true;
        }

        if ((PhoneRecognizer.Recognize(text) ?? EmailRecognizer.Recognize(text)) is { } contact)
        {
            await store.SetContactAsync(ticket.Id, contact, now, cancellationToken);
            await turnContext.SendActivityAsync(Texts.Message(language, "handoff.contact_saved", contact, ticket.Id), cancellationToken);
        }
        else
        {
            await turnContext.SendActivityAsync(Texts.Message(language, "handoff.added", ticket.Id), cancellationToken);
        }

        return true;
    }

    /// <summary>The message as a person reads it: its text, and the names of files it carries.</summary>
    private static string TextOf(Activity activity)
    {
        var files = activity.Attachments?.Where(a => a.ContentUrl is not null).Select(a => $"[{a.Name ?? a.ContentType}: {a.ContentUrl}]") ?? [];
        return string.Join(" ", new[] { activity.Text ?? string.Empty }.Concat(files).Where(p => p.Length > 0));
    }
}
