namespace Staffono.Skills.Handoff;

/// <summary>One change to a ticket: who did what and when ("Anna", "claimed"; "bot", "teams_refused", "403 ...").</summary>
public sealed record HandoffAuditEntry(DateTimeOffset At, string Actor, string Action, string? Detail);
