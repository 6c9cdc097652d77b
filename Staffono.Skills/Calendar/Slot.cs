namespace Staffono.Skills.Calendar;

/// <summary>A bookable moment: a service with one staff member at one location, in the business's local time.</summary>
public sealed record Slot(string ServiceId, string StaffId, string LocationId, DateTime Start, DateTime End);
