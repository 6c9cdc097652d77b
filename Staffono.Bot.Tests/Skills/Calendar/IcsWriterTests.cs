using System.Text;
using System.Text.Json;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Calendar;

/// <summary>Invites are checked with ical.js (tools/checkers), a parser we did not write.</summary>
public sealed class IcsWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 24, 9, 15, 0, TimeSpan.Zero);

    private static readonly CalendarInvite Haircut = new(
        "booking-42@staffono.local",
        new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.FromHours(3)),
        new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(3)),
        "Стрижка, мастер Ольга",
        "Москва, ул. Тверская, 12; 2 этаж",
        "Запись в салон «Бьюти».\nПриходите за 5 минут; опоздание больше 15 минут — перенос, увы. Оплата картой, наличными, по СБП — как удобнее. Путь: C:\\вход\\справа",
        [TimeSpan.FromHours(24), TimeSpan.FromHours(2)]);

    [Fact]
    public async Task An_independent_parser_reads_the_invite_back_field_by_field_with_times_in_utc()
    {
        var ics = IcsWriter.Write(Haircut with { Sequence = 3 }, Stamp);
        var parsed = await IndependentCheckers.ParseIcsAsync(ics);
        var booking = parsed.GetProperty("events").EnumerateArray().Single();

        Assert.Equal("PUBLISH", parsed.GetProperty("method").GetString());
        Assert.Equal("booking-42@staffono.local", booking.GetProperty("uid").GetString());
        Assert.Equal(3, booking.GetProperty("sequence").GetInt32());
        Assert.Equal("CONFIRMED", booking.GetProperty("status").GetString());
        Assert.Equal("2026-11-25T08:00:00.000Z", booking.GetProperty("start").GetString());
        Assert.Equal("2026-11-25T09:00:00.000Z", booking.GetProperty("end").GetString());
        Assert.Equal(Haircut.Summary, booking.GetProperty("summary").GetString());
        Assert.Equal(Haircut.Location, booking.GetProperty("location").GetString());
        Assert.Equal(Haircut.Description, booking.GetProperty("description").GetString());
        Assert.Equal([-86400, -7200], booking.GetProperty("alarms").EnumerateArray().Select(a => a.GetInt32()));
        Assert.Contains("DTSTAMP:20261124T091500Z\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_booking_s_invite_cancels_the_event_with_a_higher_sequence_and_no_alarms()
    {
        var parsed = await IndependentCheckers.ParseIcsAsync(IcsWriter.Write(Haircut with { Sequence = 2, Cancelled = true }, Stamp));
        var booking = parsed.GetProperty("events").EnumerateArray().Single();

        Assert.Equal("CANCEL", parsed.GetProperty("method").GetString());
        Assert.Equal("CANCELLED", booking.GetProperty("status").GetString());
        Assert.Equal(2, booking.GetProperty("sequence").GetInt32());
        Assert.Equal("booking-42@staffono.local", booking.GetProperty("uid").GetString());
        Assert.Empty(booking.GetProperty("alarms").EnumerateArray());
    }

    /// <summary>
    /// Every alignment of emoji (four octets, two UTF-16 units), a joined emoji sequence and Cyrillic (two
    /// octets) against the 75-octet fold: no physical line is longer, none carries half a character, and
    /// the parser reads the text back exactly. Ical.Net alone fails this on about half the alignments.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Long_lines_fold_at_75_octets_between_characters_whatever_the_alignment(int padding)
    {
        var summary = new string('x', padding) + string.Concat(Enumerable.Repeat("😀", 25)) + " Стрижка у Ирины 💇‍♀️ — приходите, будем рады видеть вас снова 🎉🎉🎉";
        var ics = IcsWriter.Write(Haircut with { Summary = summary }, Stamp);

        var lines = ics.Split("\r\n")[..^1];
        Assert.All(lines, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, 75));
        Assert.All(lines, line => Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(line))));
        Assert.Contains(lines, line => line.StartsWith(' '));
        var parsed = await IndependentCheckers.ParseIcsAsync(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(ics)));
        Assert.Equal(summary, parsed.GetProperty("events")[0].GetProperty("summary").GetString());
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded_and_one_octet_more_is()
    {
        var exact = new string('x', 75 - "SUMMARY:".Length);
        var lines = IcsWriter.Write(Haircut with { Summary = exact, RemindersBefore = [] }, Stamp).Split("\r\n");
        var longer = IcsWriter.Write(Haircut with { Summary = exact + "y", RemindersBefore = [] }, Stamp).Split("\r\n");

        var at = Array.IndexOf(lines, "SUMMARY:" + exact);
        Assert.True(at > 0);
        Assert.False(lines[at + 1].StartsWith(' '));
        var folded = Array.IndexOf(longer, "SUMMARY:" + exact);
        Assert.Equal(" y", longer[folded + 1]);
    }
}
