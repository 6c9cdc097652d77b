using Staffono.Skills.Handoff;

namespace Staffono.Bot.Operators;

/// <summary>A ticket as the console shows it opened: the list's view, and the contact, fields, transcript and audit.</summary>
public sealed record TicketDetail(
    TicketView Ticket,
    string? Contact,
    string Language,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<TicketDetail.Line> Transcript,
    IReadOnlyList<HandoffAuditEntry> Audit)
{
    public static TicketDetail Of(HandoffRecord ticket, IReadOnlyList<HandoffAuditEntry> audit, DateTimeOffset now, string language) => new(
        TicketView.Of(ticket, now, language),
        ticket.Contact,
        ticket.Language,
        ticket.Fields,
        ticket.Transcript.Select(l => new Line(l.FromCustomer ? "customer" : l.Operator is null ? "bot" : "operator", l.Operator, l.Text, l.At)).ToList(),
        audit);

    /// <summary>One message: who ("customer", "bot", "operator"), which operator, the text, when.</summary>
    public sealed record Line(string From, string? Operator, string Text, DateTimeOffset At);
}
