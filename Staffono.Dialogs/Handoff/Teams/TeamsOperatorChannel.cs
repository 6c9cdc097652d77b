using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Connector;
using Staffono.Runtime.Schema;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff.Teams;

/// <summary>
/// Tickets in a Teams channel: each opens a new thread with the ticket's card (through the Bot Connector, as
/// Teams requires: a conversation created in the channel), the customer's messages follow in that thread,
/// and every change refreshes the card in place. Teams refusing us (403: the app was removed or blocked;
/// 429 after the connector's own retries) is written into the ticket's audit and measured, and the ticket
/// stays in the console; after a 403 the channel is left alone for a while instead of being hammered.
/// </summary>
public sealed class TeamsOperatorChannel(
    TeamsChannelDirectory directory,
    ConnectorClientFactory connectors,
    IConversationSender sender,
    IHandoffStore store,
    IOutcomeLog outcomes,
    BusinessProfile profile,
    string operatorLanguage,
    string? consoleUrl,
    TimeProvider time,
    ILogger<TeamsOperatorChannel>? logger = null) : IOperatorChannel
{
    /// <summary>How long Teams is not tried again after it said the app is gone (403).</summary>
    public static readonly TimeSpan RefusedPause = TimeSpan.FromMinutes(15);

    private DateTimeOffset _refusedUntil = DateTimeOffset.MinValue;

    public async Task TicketOpenedAsync(HandoffRecord ticket, CancellationToken cancellationToken)
    {
        var target = await directory.GetAsync(cancellationToken);
        if (target is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (now < _refusedUntil)
        {
            await store.NoteAsync(ticket.Id, new HandoffAuditEntry(now, "bot", "teams_skipped", "Teams refused the app recently; the ticket is in the console"), cancellationToken);
            return;
        }

        var card = Activity.CreateMessage();
        card.Attachments = [AdaptiveCards.ToAttachment(TicketCard.Build(ticket, operatorLanguage, profile.TimeZone, now, consoleUrl))];
        card.Summary = Texts.Get(operatorLanguage, "card.title", ticket.Id, HandoffSummary.WorkflowName(operatorLanguage, ticket.Workflow));
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Bot = new ChannelAccount(target.BotId),
            TenantId = target.TenantId,
            Activity = card,
            ChannelData = JsonSerializer.SerializeToElement(new { channel = new { id = target.ChannelId }, tenant = new { id = target.TenantId } }),
        };
        ConversationResourceResponse created;
        try
        {
            created = await connectors.Create(target.ServiceUrl).CreateConversationAsync(parameters, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)
        {
            await RefusedAsync(ticket, ex, now, cancellationToken);
            return;
        }

        if (created.Id is not { Length: > 0 } threadId)
        {
            logger?.LogWarning("Teams created no thread for ticket {Ticket}; it is in the console", ticket.Id);
            return;
        }

        var thread = new ConversationReference
        {
            ChannelId = ChannelIds.MsTeams,
            ServiceUrl = created.ServiceUrl ?? target.ServiceUrl,
            Bot = new ChannelAccount(target.BotId),
            Conversation = new ConversationAccount(threadId, isGroup: true) { ConversationType = "channel", TenantId = target.TenantId },
        };
        await store.SetOperatorThreadAsync(ticket.Id, threadId, JsonSerializer.Serialize(thread, ProtocolJson.Context.ConversationReference), created.ActivityId, cancellationToken);
        await store.NoteAsync(ticket.Id, new HandoffAuditEntry(now, "bot", "teams_card_posted", threadId), cancellationToken);
    }

    public async Task CustomerWroteAsync(HandoffRecord ticket, string text, CancellationToken cancellationToken)
    {
        if (ticket.OperatorThread is not { } thread)
        {
            return;
        }

        var message = Activity.CreateMessage($"{ticket.CustomerName ?? Texts.Get(operatorLanguage, "handoff.customer")}: {text}");
        message.TextFormat = TextFormats.Plain;
        await SendAsync(ticket, () => sender.SendAsync(thread, [message], cancellationToken), cancellationToken);
    }

    public async Task TicketChangedAsync(HandoffRecord ticket, CancellationToken cancellationToken)
    {
        if (ticket is not { OperatorThread: { } thread, CardActivityId: { } cardId })
        {
            return;
        }

        var card = Activity.CreateMessage();
        card.Id = cardId;
        card.Attachments = [AdaptiveCards.ToAttachment(TicketCard.Build(ticket, operatorLanguage, profile.TimeZone, time.GetUtcNow(), consoleUrl))];
        await SendAsync(ticket, async () => { await sender.UpdateAsync(thread, card, cancellationToken); return []; }, cancellationToken);
    }

    /// <summary>The card as it is now, for an invoke's answer.</summary>
    public JsonElement CardOf(HandoffRecord ticket, IReadOnlyList<string>? refreshUserIds = null) =>
        TicketCard.Build(ticket, operatorLanguage, profile.TimeZone, time.GetUtcNow(), consoleUrl, refreshUserIds);

    private async Task SendAsync(HandoffRecord ticket, Func<Task<IReadOnlyList<ResourceResponse>>> send, CancellationToken cancellationToken)
    {
        try
        {
            await send();
        }
        catch (ConnectorException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)
        {
            await RefusedAsync(ticket, ex, time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task RefusedAsync(HandoffRecord ticket, ConnectorException refusal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var what = refusal.StatusCode == HttpStatusCode.Forbidden ? "teams_refused" : "teams_throttled";
        var detail = $"{(int)refusal.StatusCode} {refusal.ErrorCode}: {refusal.Message}";
        if (refusal.StatusCode == HttpStatusCode.Forbidden)
        {
            _refusedUntil = now + RefusedPause;
        }

        logger?.LogWarning("Teams answered {Status} ({Code}) for ticket {Ticket}; operators will find it in the console", (int)refusal.StatusCode, refusal.ErrorCode, ticket.Id);
        await store.NoteAsync(ticket.Id, new HandoffAuditEntry(now, "bot", what, detail), cancellationToken);
        await outcomes.RecordAsync(new OutcomeEvent(ticket.ConversationKey, HandoffKinds.Workflow, HandoffKinds.ChannelFailed, 0, now), $"{ticket.Id}: {detail}", cancellationToken);
    }
}
