using System.Globalization;
using Staffono.Dialogs.Engine;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;

namespace Staffono.Dialogs.Booking;

/// <summary>How the booking dialogs say a moment and a booking, in Russian and English.</summary>
public static class BookingWording
{
    /// <summary>"завтра в 11:00", "27 ноября (пт) в 12:00", "Fri, November 27 at 09:00".</summary>
    public static string When(string language, DateTime start, DateTime now) =>
        Texts.Get(language, "booking.at", Day(language, start, now), start.ToString("HH:mm", CultureInfo.InvariantCulture));

    /// <summary>"сегодня", "завтра", "27 ноября (пт)", "Fri, November 27".</summary>
    public static string Day(string language, DateTime day, DateTime now) => (day.Date - now.Date).Days switch
    {
        0 => Texts.Get(language, "booking.today"),
        1 => Texts.Get(language, "booking.tomorrow"),
        // "27 ноября (пт)" reads right after any Russian preposition; a weekday name would need its own case.
        _ => day.ToString(language == "ru" ? "d MMMM (ddd)" : "ddd, MMMM d", CultureInfo.GetCultureInfo(TurnLanguage.Locale(language))),
    };

    /// <summary>"Стрижка, завтра в 11:00, адрес: ..." for one booking.</summary>
    /// <remarks>A booking may be the home-services line's (a cleaning job, a site visit): its service and place are the line's.</remarks>
    public static string Describe(string language, Skills.Calendar.Booking booking, BusinessProfile profile, DateTime now) =>
        Texts.Get(language, "booking.summary",
            (profile.Services.FirstOrDefault(s => s.Id == booking.Slot.ServiceId) ?? profile.Leads?.Line.Services.FirstOrDefault(s => s.Id == booking.Slot.ServiceId))?.Name.In(language) ?? booking.Slot.ServiceId,
            When(language, booking.Slot.Start, now),
            (profile.Locations.FirstOrDefault(l => l.Id == booking.Slot.LocationId) ?? profile.Leads?.Line.Locations.FirstOrDefault(l => l.Id == booking.Slot.LocationId))?.Address.In(language) ?? booking.Slot.LocationId);

    public static string JoinOr(string language, IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + Texts.Get(language, "booking.or") + items[^1];

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
}
