namespace Staffono.Bot.Reminders;

/// <summary>One message to send later: which booking, which reminder, when, until when, where, in which language.</summary>
public sealed record ScheduledMessage(string Id, string BookingId, string Kind, DateTimeOffset Due, DateTimeOffset NotAfter, string ReferenceJson, string Language);
