namespace Staffono.Skills.Analytics;

/// <summary>
/// Where workflows record what happened in each conversation (started, their own outcomes, abandoned,
/// handed off), so the business sees conversion and messages-to-outcome per workflow. Events are only
/// ever added: none is lost, changed or merged, however many instances record at once.
/// </summary>
public interface IOutcomeLog
{
    /// <param name="detail">What a later reader needs: the booking id, a handoff's reason in the customer's words.</param>
    Task RecordAsync(OutcomeEvent outcome, string? detail = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The events of one conversation in the order they were recorded (oldest first; turns of a conversation run
    /// one at a time, so this is the order they happened in, even where two share a moment).
    /// </summary>
    Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default);

    /// <summary>The events of the named workflows recorded since <paramref name="since"/>, oldest first: what the owner's reports are made of.</summary>
    Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadWorkflowsAsync(IReadOnlyCollection<string> workflows, DateTimeOffset since, CancellationToken cancellationToken = default);
}
