using Staffono.Skills.Handoff;

namespace Staffono.Bot.Operators;

/// <summary>A ticket as the console's list shows it.</summary>
public sealed record TicketView(
    string Id,
    string State,
    string? CustomerName,
    string Channel,
    string Workflow,
    string WorkflowName,
    string? Intent,
    string Reason,
    string Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset SlaDeadline,
    bool Overdue,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    string Summary,
    int Unread)
{
    /// <param name="language">The operators' language, for the workflow's name («запись»).</param>
    public static TicketView Of(HandoffRecord ticket, DateTimeOffset now, string language) => new(
        ticket.Id,
        ticket.State.ToString().ToLowerInvariant(),
        ticket.CustomerName,
        Dialogs.Handoff.HandoffSummary.ChannelName(ticket.ConversationKey),
        ticket.Workflow,
        Dialogs.Handoff.HandoffSummary.WorkflowName(language, ticket.Workflow),
        ticket.Intent,
        ticket.Reason,
        ticket.Priority.ToString().ToLowerInvariant(),
        ticket.CreatedAt,
        ticket.ClaimBy,
        ticket.State == HandoffState.Waiting && now >= ticket.ClaimBy,
        ticket.ClaimedBy,
        ticket.ClaimedAt,
        ticket.Summary,
        ticket.IsOpen ? ticket.Transcript.Reverse().TakeWhile(l => l.Operator is null).Count(l => l.FromCustomer) : 0);
}
