namespace Staffono.Skills.Analytics;

/// <summary>
/// Where workflows record what happened in each conversation (started, their own outcomes, abandoned,
/// handed off), so the business sees conversion and messages-to-outcome per workflow.
/// </summary>
public interface IOutcomeLog
{
    /// <param name="detail">What a later reader needs: the booking id, a handoff's reason in the customer's words.</param>
    Task RecordAsync(OutcomeEvent outcome, string? detail = null, CancellationToken cancellationToken = default);

    /// <summary>The events of one conversation, oldest first.</summary>
    Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default);
}
