namespace Staffono.Skills.Understanding.Evaluation;

/// <summary>One line of a date/time evaluation file.</summary>
public sealed record DateTimeCase(int Line, DateTime Reference, string Language, string Text, DateTime ExpectedStart, DateTimeGranularity Granularity);
