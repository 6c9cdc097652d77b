using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Workflows;

/// <summary>What a workflow says when it hands a conversation to a person.</summary>
/// <param name="Workflow">The workflow's name ("booking").</param>
/// <param name="Reason">Why, for the person: "urgent", "no free time for haircut within 30 days; the customer wrote: ...".</param>
/// <param name="Fields">What the workflow had collected (service, location, wanted time, name, ...).</param>
/// <param name="Priority">How soon a person should take it: urgent requests get a shorter claim window.</param>
/// <param name="Intent">What the customer asked for when the workflow began ("Booking"); null when a button began it.</param>
public sealed record HandoffRequest(string Workflow, string Reason, IReadOnlyDictionary<string, string> Fields, HandoffPriority Priority = HandoffPriority.Normal, string? Intent = null);
