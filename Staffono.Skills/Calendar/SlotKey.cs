using System.Globalization;
using Staffono.Skills.Business;

namespace Staffono.Skills.Calendar;

/// <summary>
/// A slot's identity as a short string ("olga|tverskaya|639319842000000000": staff, location, start
/// ticks), so a dialog can keep the customer's pick in its state and rebuild the slot later. It is
/// never shown to a customer.
/// </summary>
public static class SlotKey
{
    public static string Of(Slot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return $"{slot.StaffId}|{slot.LocationId}|{slot.Start.Ticks.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The slot a key names for <paramref name="serviceId"/>; null when the key is not one of ours.</summary>
    public static Slot? Parse(string? key, string serviceId, BusinessProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var parts = key?.Split('|');
        if (parts is not [{ Length: > 0 } staff, { Length: > 0 } location, var ticks]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks)
            || startTicks > DateTime.MaxValue.Ticks
            || profile.Services.FirstOrDefault(s => s.Id == serviceId) is not { } service
            || !profile.Staff.Any(s => s.Id == staff)
            || !profile.Locations.Any(l => l.Id == location))
        {
            return null;
        }

        var start = new DateTime(startTicks);
        return new Slot(service.Id, staff, location, start, start + service.Duration);
    }
}
