namespace Staffono.Skills.Business;

/// <summary>
/// The business as its owner describes it in one YAML file: where it works, what it offers, who
/// works when, and its booking rules. Loaded and validated by <see cref="BusinessProfileLoader"/>.
/// </summary>
public sealed record BusinessProfile(
    string Name,
    TimeZoneInfo TimeZone,
    IReadOnlyList<Location> Locations,
    IReadOnlyList<Service> Services,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlySet<DateOnly> ClosedDays,
    BookingRules Booking);
