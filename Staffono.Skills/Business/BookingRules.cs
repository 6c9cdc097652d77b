namespace Staffono.Skills.Business;

/// <summary>How bookings may be made, and when the bot keeps quiet.</summary>
public sealed record BookingRules(TimeSpan MinLeadTime, int HorizonDays, TimeSpan SlotStep, TimeSpan HoldDuration, TimeOnly QuietFrom, TimeOnly QuietTo);
