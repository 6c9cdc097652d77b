using System.Text.Json;
using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// What an operator can do with a ticket — claim it, answer the customer, close it, give the conversation
/// back to the bot — the same from a Teams card and from the console. Each action is checked against the
/// ticket's state in the store (two people claiming at once get one winner), audited with who did it,
/// told to the customer, shown on every operator channel, and measured.
/// </summary>
public sealed class OperatorDesk(
    IHandoffStore store,
    IConversationSender sender,
    IEnumerable<IOperatorChannel> channels,
    IOutcomeLog outcomes,
    string operatorLanguage,
    TimeProvider time,
    ILogger<OperatorDesk>? logger = null)
{
    /// <summary>Most characters of one operator reply (a channel splits longer text itself, but a paste of a whole document is a mistake).</summary>
    public const int MaxReplyLength = 4000;

    public string OperatorLanguage => operatorLanguage;

    public async Task<DeskResult> ClaimAsync(string ticketId, string operatorName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (outcome, ticket) = await store.ClaimAsync(ticketId, operatorName, now, cancellationToken);
        switch (outcome)
        {
            case ClaimOutcome.NotFound:
                return NotFound(ticketId);
            case ClaimOutcome.ClaimedByAnother:
                return new DeskResult(DeskOutcome.ClaimedByAnother, ticket, Texts.Get(operatorLanguage, "desk.claimed_by_another", ticket!.Id, ticket.ClaimedBy));
            case ClaimOutcome.Finished:
                return Finished(ticket!);
            case ClaimOutcome.AlreadyYours:
                return new DeskResult(DeskOutcome.Done, ticket);
        }

        await RecordAsync(ticket!, HandoffKinds.Claimed, HandoffKinds.Timed(ticket!.Id, ticket.CreatedAt, now), now, cancellationToken);
        await SendToCustomerAsync(ticket, new LogicalReply(Texts.Get(ticket.Language, "handoff.claimed", FirstName(operatorName))), cancellationToken);
        await channels.TellAllAsync((channel, ct) => channel.TicketChangedAsync(ticket, ct), ticket.Id, logger, cancellationToken);
        return new DeskResult(DeskOutcome.Done, ticket);
    }

    public async Task<DeskResult> ReplyAsync(string ticketId, string operatorName, string? text, CancellationToken cancellationToken = default)
    {
        var ticket = await store.FindAsync(ticketId, cancellationToken);
        if (ticket is null)
        {
            return NotFound(ticketId);
        }

        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new DeskResult(DeskOutcome.Empty, ticket, Texts.Get(operatorLanguage, "desk.empty_reply"));
        }

        if (text.Length > MaxReplyLength)
        {
            return new DeskResult(DeskOutcome.Empty, ticket, Texts.Get(operatorLanguage, "desk.too_long", MaxReplyLength));
        }

        if (!ticket.IsOpen)
        {
            return Finished(ticket);
        }

        if (ticket.State != HandoffState.Claimed || !string.Equals(ticket.ClaimedBy, operatorName, StringComparison.Ordinal))
        {
            return new DeskResult(DeskOutcome.NotClaimedByYou, ticket, ticket.State == HandoffState.Claimed
                ? Texts.Get(operatorLanguage, "desk.claimed_by_another", ticket.Id, ticket.ClaimedBy)
                : Texts.Get(operatorLanguage, "desk.claim_first", ticket.Id));
        }

        var now = time.GetUtcNow();
        // Sent first: a reply the customer never got must not show in the transcript as said.
        if (!await SendToCustomerAsync(ticket, new LogicalReply(Texts.Get(ticket.Language, "handoff.operator_says", FirstName(operatorName), text)), cancellationToken, personWrote: true))
        {
            return new DeskResult(DeskOutcome.Undelivered, ticket, Texts.Get(operatorLanguage, "desk.undelivered", ticket.Id));
        }

        var first = ticket.FirstReplyAt is null;
        ticket = await store.AppendAsync(ticket.Id, new TranscriptLine(false, text, now, operatorName), cancellationToken) ?? ticket;
        await store.NoteAsync(ticket.Id, new HandoffAuditEntry(now, operatorName, "replied", null), cancellationToken);
        if (first)
        {
            await RecordAsync(ticket, HandoffKinds.FirstReply, HandoffKinds.Timed(ticket.Id, ticket.CreatedAt, now), now, cancellationToken);
        }

        return new DeskResult(DeskOutcome.Done, ticket);
    }

    /// <summary>Closes the ticket (<see cref="HandoffState.Closed"/>) or gives the conversation back (<see cref="HandoffState.Returned"/>); the bot tells the customer.</summary>
    public async Task<DeskResult> FinishAsync(string ticketId, string operatorName, HandoffState how, CancellationToken cancellationToken = default)
    {
        if (how is not (HandoffState.Closed or HandoffState.Returned))
        {
            throw new ArgumentOutOfRangeException(nameof(how), how, "An operator closes a ticket or returns it to the bot.");
        }

        var now = time.GetUtcNow();
        var ticket = await store.FinishAsync(ticketId, how, operatorName, now, cancellationToken);
        if (ticket is null)
        {
            return await store.FindAsync(ticketId, cancellationToken) is { } found ? Finished(found) : NotFound(ticketId);
        }

        await RecordAsync(ticket, how == HandoffState.Closed ? HandoffKinds.ResolvedByOperator : HandoffKinds.ReturnedToBot, $"{ticket.Id}: {operatorName}", now, cancellationToken);
        var text = Texts.Get(ticket.Language, how == HandoffState.Closed ? "handoff.finished_closed" : "handoff.finished_returned", ticket.Id);
        await SendToCustomerAsync(ticket, MainDialog.Greeting(ticket.Language) with { Text = text }, cancellationToken);
        await channels.TellAllAsync((channel, ct) => channel.TicketChangedAsync(ticket, ct), ticket.Id, logger, cancellationToken);
        return new DeskResult(DeskOutcome.Done, ticket);
    }

    /// <summary>"Anna" of "Anna Petrova": how the customer sees who answers.</summary>
    public static string FirstName(string operatorName) =>
        operatorName.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : operatorName;

    private DeskResult NotFound(string ticketId) => new(DeskOutcome.NotFound, null, Texts.Get(operatorLanguage, "desk.not_found", ticketId));

    private DeskResult Finished(HandoffRecord ticket) => new(DeskOutcome.Finished, ticket, Texts.Get(operatorLanguage, "desk.finished", ticket.Id));

    /// <summary>
    /// Writes to the customer; false when their channel did not take it (a conversation that answered only in its
    /// HTTP responses, a page closed for good, a channel refusing us) — noted in the audit, never thrown at the operator.
    /// </summary>
    /// <param name="personWrote">
    /// An operator's own words: on Messenger they go with the HUMAN_AGENT tag, which Meta allows for a person's answers up
    /// to 7 days after the customer's last message (PROTOCOL.md §5), so a ticket that waited over a weekend can still be answered.
    /// </param>
    private async Task<bool> SendToCustomerAsync(HandoffRecord ticket, LogicalReply reply, CancellationToken cancellationToken, bool personWrote = false)
    {
        try
        {
            var channelId = JsonSerializer.Deserialize(ticket.ConversationReference, ProtocolJson.Context.ConversationReference)?.ChannelId;
            var activities = ReplyRenderer.Render(reply with { Locale = TurnLanguage.Locale(ticket.Language) }, channelId);
            if (personWrote && channelId == ChannelIds.Facebook)
            {
                foreach (var activity in activities)
                {
                    activity.ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["messaging_type"] = "MESSAGE_TAG", ["tag"] = "HUMAN_AGENT" });
                }
            }

            await sender.SendAsync(ticket.ConversationReference, activities, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning(ex, "The customer of ticket {Ticket} could not be reached", ticket.Id);
            await store.NoteAsync(ticket.Id, new HandoffAuditEntry(time.GetUtcNow(), "bot", "customer_unreachable", ex.Message), cancellationToken);
            return false;
        }
    }

    private Task RecordAsync(HandoffRecord ticket, string kind, string detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        outcomes.RecordAsync(new OutcomeEvent(ticket.ConversationKey, HandoffKinds.Workflow, kind, 0, now), detail, cancellationToken);
}
