using Microsoft.Extensions.Logging;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Business;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// The handoff to this business's own operators: a ticket with everything collected, the transcript and a
/// summary, a claim-by time from the opening hours, the card in the operators' Teams channel when there is
/// one (the console at /operator always lists it), and an honest word to the customer — a person will
/// answer here and roughly when, or when the business opens, with a request for a phone or e-mail when
/// this chat cannot reach them later. From then on <see cref="OperatorRelay"/> carries the conversation.
/// </summary>
public sealed class OperatorHandoff(
    HandoffTickets tickets,
    IEnumerable<IOperatorChannel> channels,
    BusinessProfile profile,
    TimeProvider time,
    ILogger<OperatorHandoff>? logger = null) : IHandoff
{
    /// <summary>Channels where the customer may close the page and never see a later answer.</summary>
    private static readonly HashSet<string> SessionOnlyChannels = new(StringComparer.OrdinalIgnoreCase) { ChannelIds.Webchat, ChannelIds.DirectLine, ChannelIds.Emulator };

    public async Task<string> HandOffAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(request);
        var ticket = await tickets.OpenAsync(turnContext, request, cancellationToken);
        await channels.TellAllAsync((channel, ct) => channel.TicketOpenedAsync(ticket, ct), ticket.Id, logger, cancellationToken);
        var message = Activity.CreateMessage(WhatHappensNext(turnContext, ticket));
        message.Locale = TurnLanguage.Locale(ticket.Language);
        await turnContext.SendActivityAsync(message, cancellationToken);
        return ticket.Id;
    }

    private string WhatHappensNext(ITurnContext turnContext, HandoffRecord ticket)
    {
        var language = ticket.Language;
        var now = time.GetUtcNow();
        var sla = tickets.Sla;
        if (sla.IsOpen(now))
        {
            return Texts.Get(language, "handoff.open", ticket.Id, Math.Max(1, (int)Math.Ceiling(sla.Window(ticket.Priority).TotalMinutes)));
        }

        var text = sla.AttendedFrom(now) is { } opens
            ? Texts.Get(language, "handoff.closed_now", ticket.Id, HandoffSummary.Moment(language, opens, profile.TimeZone, now))
            : Texts.Get(language, "handoff.closed_long", ticket.Id);
        return SessionOnlyChannels.Contains(turnContext.Activity.ChannelId ?? string.Empty)
            ? text + " " + Texts.Get(language, "handoff.ask_contact")
            : text;
    }
}
