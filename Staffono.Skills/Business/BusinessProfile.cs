namespace Staffono.Skills.Business;

/// <summary>
/// The business as its owner describes it in one YAML file: where it works, what it offers, who
/// works when, its booking rules, and the shop it runs (a file of its own). Loaded and validated by <see cref="BusinessProfileLoader"/>.
/// </summary>
public sealed record BusinessProfile(
    string Name,
    TimeZoneInfo TimeZone,
    IReadOnlyList<Location> Locations,
    IReadOnlyList<Service> Services,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlySet<DateOnly> ClosedDays,
    BookingRules Booking)
{
    /// <summary>The shop behind order status, returns and product questions, when the profile names a shop file.</summary>
    public Shop.Shop? Shop { get; init; }

    /// <summary>Lead qualification and the home-services line (quotes, deposits, jobs), when the profile names a leads file.</summary>
    public Leads.LeadsSetup? Leads { get; init; }
}
