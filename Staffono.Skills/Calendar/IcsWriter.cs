using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace Staffono.Skills.Calendar;

/// <summary>
/// Writes a booking's RFC 5545 invite (one VEVENT) with Ical.Net: times in UTC, one VALARM per
/// reminder, METHOD:CANCEL and STATUS:CANCELLED for a cancelled booking. Ical.Net folds long lines
/// by UTF-16 units and can cut an emoji's surrogate pair in two (each half then encodes as U+FFFD),
/// so its lines are unfolded and folded again here: at 75 octets, never inside a character.
/// </summary>
public static class IcsWriter
{
    private const int MaxOctets = 75;

    public static string Write(CalendarInvite invite, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var calendar = new IcalCalendar { ProductId = "-//Staffono//Booking//RU", Method = invite.Cancelled ? "CANCEL" : "PUBLISH" };
        var booking = new CalendarEvent
        {
            Uid = invite.Uid,
            Sequence = invite.Sequence,
            DtStamp = Utc(stamp),
            DtStart = Utc(invite.Start),
            DtEnd = Utc(invite.End),
            Summary = invite.Summary,
            Location = string.IsNullOrEmpty(invite.Location) ? null : invite.Location,
            Description = string.IsNullOrEmpty(invite.Description) ? null : invite.Description,
            Status = invite.Cancelled ? "CANCELLED" : "CONFIRMED",
        };
        if (!invite.Cancelled)
        {
            foreach (var before in invite.RemindersBefore)
            {
                booking.Alarms.Add(new Alarm { Action = "DISPLAY", Description = invite.Summary, Trigger = new Trigger(Duration.FromTimeSpanExact(-before)) });
            }
        }

        calendar.Events.Add(booking);
        return Refold(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);
    }

    private static CalDateTime Utc(DateTimeOffset moment) => new(moment.UtcDateTime, hasTime: true);

    /// <summary>
    /// Unfolds every content line and folds it again at 75 octets (§3.1), cutting only between Unicode
    /// scalar values, so each physical line is valid UTF-8 on its own. A continuation starts with one space.
    /// </summary>
    internal static string Refold(string ics)
    {
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal);
        var builder = new StringBuilder(ics.Length + (ics.Length / 64));
        foreach (var line in unfolded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var octets = 0;
            var limit = MaxOctets;
            foreach (var rune in line.EnumerateRunes())
            {
                if (octets + rune.Utf8SequenceLength > limit)
                {
                    builder.Append("\r\n ");
                    octets = 0;
                    limit = MaxOctets - 1; // the leading space of a continuation counts
                }

                builder.Append(rune.ToString());
                octets += rune.Utf8SequenceLength;
            }

            builder.Append("\r\n");
        }

        return builder.ToString();
    }
}
