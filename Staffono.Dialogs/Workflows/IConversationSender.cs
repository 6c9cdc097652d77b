using Staffono.Runtime.Schema;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// Writes into a conversation outside its own turn: an operator's reply to the customer, the customer's
/// words into the operators' thread, a refreshed card. The host picks the adapter the conversation lives on.
/// </summary>
public interface IConversationSender
{
    /// <summary>Sends the activities into the conversation <paramref name="conversationReference"/> (ConversationReference JSON) names.</summary>
    Task<IReadOnlyList<ResourceResponse>> SendAsync(string conversationReference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Replaces an activity sent earlier (its id says which) in that conversation.</summary>
    Task UpdateAsync(string conversationReference, Activity activity, CancellationToken cancellationToken = default);
}
