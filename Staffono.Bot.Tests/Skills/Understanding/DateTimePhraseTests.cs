using System.Globalization;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Understanding;

/// <summary>Everyday booking phrases, read per DATETIME.md.</summary>
public sealed class DateTimePhraseTests
{
    // Tuesday 2026-11-24 10:30 local time.
    private static readonly DateTime Reference = new(2026, 11, 24, 10, 30, 0);
    private readonly DateTimeRecognizer _recognizer = new();

    [Theory]
    [InlineData("завтра", "2026-11-25T00:00", DateTimeGranularity.Day)]
    [InlineData("сегодня", "2026-11-24T00:00", DateTimeGranularity.Day)]
    [InlineData("послезавтра", "2026-11-26T00:00", DateTimeGranularity.Day)]
    [InlineData("завтра в 11", "2026-11-25T11:00", DateTimeGranularity.Hour)]
    [InlineData("Можно завтра в 11?", "2026-11-25T11:00", DateTimeGranularity.Hour)]
    [InlineData("завтра в 5", "2026-11-25T17:00", DateTimeGranularity.Hour)]
    [InlineData("завтра в 7 утра", "2026-11-25T07:00", DateTimeGranularity.Hour)]
    [InlineData("завтра в 5 вечера", "2026-11-25T17:00", DateTimeGranularity.Hour)]
    [InlineData("завтра в 16:30", "2026-11-25T16:30", DateTimeGranularity.Minute)]
    [InlineData("завтра утром", "2026-11-25T09:00", DateTimeGranularity.PartOfDay)]
    [InlineData("сегодня вечером", "2026-11-24T18:00", DateTimeGranularity.PartOfDay)]
    [InlineData("после обеда", "2026-11-24T13:00", DateTimeGranularity.PartOfDay)]
    [InlineData("в 9", "2026-11-25T09:00", DateTimeGranularity.Hour)]
    [InlineData("в 11", "2026-11-24T11:00", DateTimeGranularity.Hour)]
    [InlineData("zavtra v 11", "2026-11-25T11:00", DateTimeGranularity.Hour)]
    [InlineData("tomorrow at 3pm", "2026-11-25T15:00", DateTimeGranularity.Hour)]
    [InlineData("tomorrow at 8:15am", "2026-11-25T08:15", DateTimeGranularity.Minute)]
    [InlineData("tonight", "2026-11-24T18:00", DateTimeGranularity.PartOfDay)]
    [InlineData("today at noon", "2026-11-24T12:00", DateTimeGranularity.Hour)]
    [InlineData("tomorrow morning", "2026-11-25T09:00", DateTimeGranularity.PartOfDay)]
    public void What_it_covers(string text, string start, DateTimeGranularity granularity)
    {
        var expected = DateTime.ParseExact(start, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        Assert.Equal(new DateTimeResolution(expected, granularity), _recognizer.Recognize(text, Reference));
    }

    [Theory]
    [InlineData("когда-нибудь")]
    [InlineData("whenever")]
    [InlineData("в 25")]
    [InlineData("")]
    public void What_it_does_not_claim_to_know(string text)
    {
        Assert.Null(_recognizer.Recognize(text, Reference));
    }
}
