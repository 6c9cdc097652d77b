using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Engine;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
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
public sealed class OperatorRelay
{
    private readonly IStatePropertyAccessor<HandoffMark> _mark;
    private readonly IHandoffStore _store;
    private readonly IEnumerable<IOperatorChannel> _channels;
    private readonly IOutcomeLog _outcomes;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;

    public OperatorRelay(ConversationState conversationState, IHandoffStore store, IEnumerable<IOperatorChannel> channels, IOutcomeLog outcomes, TimeProvider time, ILogger<OperatorRelay>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _mark = conversationState.CreateProperty<HandoffMark>("handoff");
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _channels = channels ?? throw new ArgumentNullException(nameof(channels));
        _outcomes = outcomes ?? throw new ArgumentNullException(nameof(outcomes));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger;
    }

    /// <summary>From this turn on, the conversation's messages go to the ticket.</summary>
    public async Task AttachAsync(ITurnContext turnContext, string ticketId, CancellationToken cancellationToken)
    {
        var mark = (await _mark.GetAsync(turnContext, () => new HandoffMark(), cancellationToken))!;
        mark.TicketId = ticketId;
    }

    /// <summary>True when the turn's message went to people and the bot must not answer it.</summary>
    public async Task<bool> TryRelayAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Type != ActivityTypes.Message
            || await _mark.GetAsync(turnContext, null, cancellationToken) is not { TicketId: { } ticketId } mark)
        {
            return false;
        }

        var ticket = await _store.FindAsync(ticketId, cancellationToken);
        if (ticket is not { IsOpen: true })
        {
            // Closed or given back since the last message: the bot has the conversation again.
            mark.TicketId = null;
            return false;
        }

        var language = TurnLanguage.Get(turnContext);
        var text = TextOf(turnContext.Activity);
        var now = _time.GetUtcNow();
        if (ticket.State == HandoffState.Waiting && InterruptionRecognizer.Recognize(text) == Interruption.Cancel)
        {
            if (await _store.FinishAsync(ticket.Id, HandoffState.Withdrawn, "customer", now, cancellationToken) is { } withdrawn)
            {
                await _outcomes.RecordAsync(new OutcomeEvent(ticket.ConversationKey, HandoffKinds.Workflow, HandoffKinds.Withdrawn, 0, now), ticket.Id, cancellationToken);
                await _channels.TellAllAsync((channel, ct) => channel.TicketChangedAsync(withdrawn, ct), ticket.Id, _logger, cancellationToken);
            }

            mark.TicketId = null;
            await turnContext.SendActivityAsync(Texts.Message(language, "handoff.withdrawn", ticket.Id), cancellationToken);
            return true;
        }

        ticket = await _store.AppendAsync(ticket.Id, new TranscriptLine(true, text, now), cancellationToken) ?? ticket;
        await _channels.TellAllAsync((channel, ct) => channel.CustomerWroteAsync(ticket, text, ct), ticket.Id, _logger, cancellationToken);
        if (ticket.State != HandoffState.Waiting)
        {
            return true;
        }

        if ((PhoneRecognizer.Recognize(text) ?? EmailRecognizer.Recognize(text)) is { } contact)
        {
            await _store.SetContactAsync(ticket.Id, contact, now, cancellationToken);
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
