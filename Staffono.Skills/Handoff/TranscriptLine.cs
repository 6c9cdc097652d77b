namespace Staffono.Skills.Handoff;

/// <summary>One message of a conversation as a person reads it later.</summary>
/// <param name="FromCustomer">True for the customer's message, false for the bot's or an operator's.</param>
/// <param name="Operator">The person who wrote it, for an operator's message; null for the customer's and the bot's.</param>
public sealed record TranscriptLine(bool FromCustomer, string Text, DateTimeOffset At, string? Operator = null);
