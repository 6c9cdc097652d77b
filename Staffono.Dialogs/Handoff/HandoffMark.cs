namespace Staffono.Dialogs.Handoff;

/// <summary>In conversation state: the ticket this conversation was handed over with, while it may still be open.</summary>
public sealed class HandoffMark
{
    public string? TicketId { get; set; }
}
