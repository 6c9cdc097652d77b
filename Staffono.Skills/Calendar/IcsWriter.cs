using System.Globalization;
using System.Text;

namespace Staffono.Skills.Calendar;

/// <summary>
/// Writes an RFC 5545 calendar (one VEVENT): CRLF line ends, times in UTC, TEXT values escaped
/// (backslash, semicolon, comma, newline) and lines folded at 75 octets without splitting a UTF-8
/// character — Cyrillic descriptions fold by bytes, not letters. One VALARM per reminder.
/// </summary>
public static class IcsWriter
{
    private const int MaxOctets = 75;

    public static string Write(CalendarInvite invite, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var builder = new StringBuilder();
        Line(builder, "BEGIN:VCALENDAR");
        Line(builder, "VERSION:2.0");
        Line(builder, "PRODID:-//Staffono//Booking//RU");
        Line(builder, "CALSCALE:GREGORIAN");
        Line(builder, "METHOD:PUBLISH");
        Line(builder, "BEGIN:VEVENT");
        Line(builder, "UID:" + Escape(invite.Uid));
        Line(builder, "DTSTAMP:" + Utc(stamp));
        Line(builder, "DTSTART:" + Utc(invite.Start));
        Line(builder, "DTEND:" + Utc(invite.End));
        Line(builder, "SUMMARY:" + Escape(invite.Summary));
        if (!string.IsNullOrEmpty(invite.Location))
        {
            Line(builder, "LOCATION:" + Escape(invite.Location));
        }

        if (!string.IsNullOrEmpty(invite.Description))
        {
            Line(builder, "DESCRIPTION:" + Escape(invite.Description));
        }

        foreach (var before in invite.RemindersBefore)
        {
            Line(builder, "BEGIN:VALARM");
            Line(builder, "ACTION:DISPLAY");
            Line(builder, "DESCRIPTION:" + Escape(invite.Summary));
            Line(builder, "TRIGGER:" + Duration(before));
            Line(builder, "END:VALARM");
        }

        Line(builder, "END:VEVENT");
        Line(builder, "END:VCALENDAR");
        return builder.ToString();
    }

    /// <summary>TEXT escaping of RFC 5545 §3.3.11.</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\n", StringComparison.Ordinal);

    private static string Utc(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan before)
    {
        var builder = new StringBuilder("-P");
        if (before.Days > 0)
        {
            builder.Append(before.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (before.Hours > 0 || before.Minutes > 0)
        {
            builder.Append('T');
            if (before.Hours > 0)
            {
                builder.Append(before.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (before.Minutes > 0)
            {
                builder.Append(before.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }
        }

        return builder.Length == 2 ? "-PT0M" : builder.ToString();
    }

    /// <summary>Appends a content line, folded at 75 octets: CRLF and one space start each continuation (§3.1).</summary>
    private static void Line(StringBuilder builder, string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        var elements = StringInfo.GetTextElementEnumerator(line);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                builder.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1; // the leading space of a continuation counts
            }

            builder.Append(element);
            octets += size;
        }

        builder.Append("\r\n");
    }
}
