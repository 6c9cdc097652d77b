namespace Staffono.Skills.Business;

/// <summary>One stretch of work: at a location, on a weekday, from-to (local time).</summary>
public sealed record WorkingHours(string LocationId, DayOfWeek Day, TimeOnly From, TimeOnly To);
