namespace Staffono.Skills.Analytics;

/// <summary>
/// One step of a workflow in one conversation — started, slots_offered, booked, rescheduled,
/// cancelled, abandoned, handed_off — with how many customer messages it took to get there.
/// </summary>
public sealed record OutcomeEvent(string ConversationKey, string Workflow, string Kind, int CustomerMessages, DateTimeOffset At);
