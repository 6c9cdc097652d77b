using System.Text;
using Staffono.Skills.Calendar;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Calendar;

public sealed class IcsWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 24, 9, 15, 0, TimeSpan.Zero);

    private static readonly CalendarInvite Haircut = new(
        "booking-42@staffono.local",
        new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.FromHours(3)),
        new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(3)),
        "Стрижка, мастер Ольга",
        "Москва, ул. Тверская, 12; 2 этаж",
        "Запись в салон «Бьюти».\nПриходите за 5 минут; опоздание больше 15 минут — перенос, увы. Оплата картой, наличными, по СБП — как удобнее.",
        [TimeSpan.FromHours(24), TimeSpan.FromHours(2)]);

    [Fact]
    public void The_invite_reads_back_field_by_field_with_times_in_utc()
    {
        var fields = IcsReader.Read(IcsWriter.Write(Haircut, Stamp));

        string Field(string name) => fields.First(f => f.Name == name).Value;
        Assert.Equal("booking-42@staffono.local", Field("UID"));
        Assert.Equal("20261124T091500Z", Field("DTSTAMP"));
        Assert.Equal("20261125T080000Z", Field("DTSTART"));
        Assert.Equal("20261125T090000Z", Field("DTEND"));
        Assert.Equal(Haircut.Summary, Field("SUMMARY"));
        Assert.Equal(Haircut.Location, Field("LOCATION"));
        Assert.Equal(Haircut.Description, fields.First(f => f.Name == "DESCRIPTION").Value);
        Assert.Equal(["-P1D", "-PT2H"], fields.Where(f => f.Name == "TRIGGER").Select(f => f.Value));
        Assert.Equal(2, fields.Count(f => f is ("BEGIN", "VALARM")));
        Assert.Equal(("BEGIN", "VCALENDAR"), fields[0]);
        Assert.Equal(("END", "VCALENDAR"), fields[^1]);
    }

    [Fact]
    public void Lines_are_crlf_and_folded_at_75_octets_without_splitting_a_cyrillic_letter()
    {
        var ics = IcsWriter.Write(Haircut, Stamp);

        Assert.DoesNotContain("\n", ics.Replace("\r\n", string.Empty, StringComparison.Ordinal));
        var lines = ics.Split("\r\n")[..^1];
        Assert.All(lines, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, 75));
        Assert.Contains(lines, line => line.StartsWith(' '));
        // Every physical line is whole UTF-8: folding never cut a two-byte letter in half.
        Assert.All(lines, line => Assert.DoesNotContain('\uFFFD', line));
    }

    [Theory]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a;b", "a\\;b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("line1\nline2", "line1\\nline2")]
    [InlineData("line1\r\nline2", "line1\\nline2")]
    public void Text_is_escaped(string text, string escaped)
    {
        Assert.Equal(escaped, IcsWriter.Escape(text));
        Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), IcsReader.Unescape(escaped));
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
