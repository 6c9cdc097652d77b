using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// Passes a conversation to a person and tells the customer what happens next. Every workflow hands
/// off through this one seam; where the request goes (a record staff read, a Teams channel, an
/// operator console) is the implementation's business, and so is the honest word to the customer.
/// </summary>
public interface IHandoff
{
    /// <summary>Hands the turn's conversation over; sends the customer what happens next.</summary>
    /// <returns>The request's readable id.</returns>
    Task<string> HandOffAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken = default);
}
