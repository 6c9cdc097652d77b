namespace Staffono.Skills.Business;

/// <summary>A person who serves customers: what they do, and their working hours per location and weekday.</summary>
public sealed record StaffMember(string Id, string Name, IReadOnlyList<string> ServiceIds, IReadOnlyList<WorkingHours> Hours, IReadOnlySet<DateOnly> DaysOff);
