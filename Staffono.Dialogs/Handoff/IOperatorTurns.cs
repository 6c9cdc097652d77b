using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Handoff;

/// <summary>Turns that come from operators, not customers (a Teams card's button, a reply in a ticket's thread, an agent hub's status).</summary>
public interface IOperatorTurns
{
    /// <summary>Handles the turn when it is an operator's; false leaves it to the bot.</summary>
    Task<bool> TryHandleAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
