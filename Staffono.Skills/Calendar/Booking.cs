using Staffono.Skills.Customers;

namespace Staffono.Skills.Calendar;

/// <summary>A confirmed booking. <see cref="IcsToken"/> is the unguessable part of its calendar-invite URL.</summary>
public sealed record Booking(string Id, Slot Slot, Customer Customer, string IcsToken, bool Cancelled = false);
