using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// A place operators work besides the console (a Teams channel): it hears of every ticket and every change,
/// and shows the customer's messages. A channel that fails must not lose the ticket: the console always has it.
/// </summary>
public interface IOperatorChannel
{
    Task TicketOpenedAsync(HandoffRecord ticket, CancellationToken cancellationToken);

    Task CustomerWroteAsync(HandoffRecord ticket, string text, CancellationToken cancellationToken);

    Task TicketChangedAsync(HandoffRecord ticket, CancellationToken cancellationToken);
}
