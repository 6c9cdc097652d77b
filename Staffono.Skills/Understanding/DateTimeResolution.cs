namespace Staffono.Skills.Understanding;

/// <summary>A recognized moment in the business's local time, and how precise it is.</summary>
public sealed record DateTimeResolution(DateTime Start, DateTimeGranularity Granularity);
