using System.Globalization;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Understanding;

/// <summary>Every rule of DATETIME.md in Russian and English, each with ordinary and tricky phrases.</summary>
public sealed class DateTimeRecognizerTests
{
    private const string Tuesday = "2026-11-24T10:30";
    private const string FridayEvening = "2026-11-27T19:45";
    private const string SundayMorning = "2026-11-29T09:00";
    private const string NewYearsEve = "2026-12-30T16:00";

    private readonly DateTimeRecognizer _recognizer = new();

    [Theory]
    // Rule 1: parts of the day.
    [InlineData(1, Tuesday, "завтра утром", "2026-11-25T09:00", "part_of_day")]
    [InlineData(1, Tuesday, "можно завтра после обеда?", "2026-11-25T13:00", "part_of_day")]
    [InlineData(1, Tuesday, "сегодня вечером", "2026-11-24T18:00", "part_of_day")]
    [InlineData(1, Tuesday, "tomorrow afternoon", "2026-11-25T13:00", "part_of_day")]
    [InlineData(1, Tuesday, "today at noon", "2026-11-24T12:00", "hour")]
    [InlineData(1, Tuesday, "завтра в полдень", "2026-11-25T12:00", "hour")]
    // Rule 2: a clock hour alone in a booking; explicit markers win.
    [InlineData(2, Tuesday, "завтра в 5", "2026-11-25T17:00", "hour")]
    [InlineData(2, Tuesday, "tomorrow at 8", "2026-11-25T08:00", "hour")]
    [InlineData(2, Tuesday, "завтра в полчетвёртого", "2026-11-25T15:30", "minute")]
    [InlineData(2, Tuesday, "завтра без пятнадцати 5", "2026-11-25T16:45", "minute")]
    [InlineData(2, Tuesday, "завтра в 5 вечера", "2026-11-25T17:00", "hour")]
    [InlineData(2, Tuesday, "завтра в 7 утра", "2026-11-25T07:00", "hour")]
    [InlineData(2, Tuesday, "tomorrow 8:15am", "2026-11-25T08:15", "minute")]
    [InlineData(2, Tuesday, "at 7 tonight", "2026-11-24T19:00", "hour")]
    [InlineData(2, Tuesday, "tomorrow at half past 3", "2026-11-25T15:30", "minute")]
    [InlineData(2, Tuesday, "завтра в 3 дня", "2026-11-25T15:00", "hour")]
    // Rule 3: a clock time with a part of the day is the clock time.
    [InlineData(3, Tuesday, "завтра утром в 10", "2026-11-25T10:00", "hour")]
    [InlineData(3, Tuesday, "tomorrow evening at 7", "2026-11-25T19:00", "hour")]
    // Rule 4: minutes written mean minute granularity, ":00" included.
    [InlineData(4, Tuesday, "завтра в 11:00", "2026-11-25T11:00", "minute")]
    [InlineData(4, Tuesday, "tomorrow 4:30pm", "2026-11-25T16:30", "minute")]
    [InlineData(4, Tuesday, "tomorrow 3pm", "2026-11-25T15:00", "hour")]
    // Rule 5: after / around X is X.
    [InlineData(5, Tuesday, "завтра после 18", "2026-11-25T18:00", "hour")]
    [InlineData(5, Tuesday, "tomorrow after 6pm", "2026-11-25T18:00", "hour")]
    [InlineData(5, Tuesday, "завтра около 3", "2026-11-25T15:00", "hour")]
    [InlineData(5, Tuesday, "tomorrow around 4:30", "2026-11-25T16:30", "minute")]
    // Rule 6: offsets.
    [InlineData(6, Tuesday, "через 2 часа", "2026-11-24T12:30", "minute")]
    [InlineData(6, Tuesday, "через полчаса", "2026-11-24T11:00", "minute")]
    [InlineData(6, Tuesday, "in an hour", "2026-11-24T11:30", "minute")]
    [InlineData(6, Tuesday, "in 45 minutes", "2026-11-24T11:15", "minute")]
    [InlineData(6, Tuesday, "через 3 дня", "2026-11-27T00:00", "day")]
    [InlineData(6, Tuesday, "через два дня в 11", "2026-11-26T11:00", "hour")]
    [InlineData(6, Tuesday, "через неделю", "2026-12-01T00:00", "day")]
    [InlineData(6, Tuesday, "a week from today", "2026-12-01T00:00", "day")]
    [InlineData(6, Tuesday, "in 2 days", "2026-11-26T00:00", "day")]
    // Rule 7: today, tomorrow, the day after.
    [InlineData(7, Tuesday, "сегодня", "2026-11-24T00:00", "day")]
    [InlineData(7, Tuesday, "можно завтра?", "2026-11-25T00:00", "day")]
    [InlineData(7, Tuesday, "послезавтра", "2026-11-26T00:00", "day")]
    [InlineData(7, Tuesday, "tmrw", "2026-11-25T00:00", "day")]
    [InlineData(7, Tuesday, "the day after tomorrow", "2026-11-26T00:00", "day")]
    // Rule 8: a bare weekday is the next one strictly after today.
    [InlineData(8, FridayEvening, "в пятницу", "2026-12-04T00:00", "day")]
    [InlineData(8, FridayEvening, "в пн", "2026-11-30T00:00", "day")]
    [InlineData(8, Tuesday, "в четверг в 16:30", "2026-11-26T16:30", "minute")]
    [InlineData(8, FridayEvening, "this Friday", "2026-12-04T00:00", "day")]
    [InlineData(8, Tuesday, "Thursday", "2026-11-26T00:00", "day")]
    // Rule 9: next <weekday> is in the week after this one.
    [InlineData(9, SundayMorning, "next tuesday", "2026-12-01T00:00", "day")]
    [InlineData(9, Tuesday, "next wednesday", "2026-12-02T00:00", "day")]
    [InlineData(9, Tuesday, "в следующую среду", "2026-12-02T00:00", "day")]
    [InlineData(9, Tuesday, "на следующей неделе во вторник", "2026-12-01T00:00", "day")]
    // Rule 10: next week alone.
    [InlineData(10, SundayMorning, "next week", "2026-11-30T00:00", "week")]
    [InlineData(10, Tuesday, "на следующей неделе", "2026-11-30T00:00", "week")]
    [InlineData(10, Tuesday, "на след. неделе", "2026-11-30T00:00", "week")]
    // Rule 11: the weekend.
    [InlineData(11, Tuesday, "в эти выходные", "2026-11-28T00:00", "day")]
    [InlineData(11, Tuesday, "this weekend", "2026-11-28T00:00", "day")]
    [InlineData(11, Tuesday, "over the weekend", "2026-11-28T00:00", "day")]
    // Rule 12: month and day; a day of the month alone.
    [InlineData(12, Tuesday, "15 марта", "2027-03-15T00:00", "day")]
    [InlineData(12, Tuesday, "25 ноября", "2026-11-25T00:00", "day")]
    [InlineData(12, NewYearsEve, "Jan 5", "2027-01-05T00:00", "day")]
    [InlineData(12, NewYearsEve, "5 января", "2027-01-05T00:00", "day")]
    [InlineData(12, Tuesday, "April 3rd", "2027-04-03T00:00", "day")]
    [InlineData(12, Tuesday, "на 21-го", "2026-12-21T00:00", "day")]
    [InlineData(12, Tuesday, "on the 24th", "2026-11-24T00:00", "day")]
    [InlineData(12, Tuesday, "5-го числа", "2026-12-05T00:00", "day")]
    // Rule 13: a time with no day is its first occurrence after now.
    [InlineData(13, Tuesday, "в 11", "2026-11-24T11:00", "hour")]
    [InlineData(13, Tuesday, "в 10", "2026-11-25T10:00", "hour")]
    [InlineData(13, Tuesday, "at 8", "2026-11-25T08:00", "hour")]
    [InlineData(13, Tuesday, "утром", "2026-11-25T09:00", "part_of_day")]
    [InlineData(13, FridayEvening, "вечером", "2026-11-28T18:00", "part_of_day")]
    // Rule 14: Russian typed in Latin letters.
    [InlineData(14, Tuesday, "zavtra v 11", "2026-11-25T11:00", "hour")]
    [InlineData(14, Tuesday, "poslezavtra utrom", "2026-11-26T09:00", "part_of_day")]
    [InlineData(14, Tuesday, "segodnya vecherom", "2026-11-24T18:00", "part_of_day")]
    [InlineData(14, Tuesday, "v pyatnicu posle 18", "2026-11-27T18:00", "hour")]
    public void Each_rule_of_the_contract(int rule, string reference, string text, string start, string granularity)
    {
        var resolved = _recognizer.Recognize(text, Parse(reference));

        Assert.True(resolved is not null, $"rule {rule}: '{text}' was not recognized");
        Assert.Equal((Parse(start), granularity), (resolved.Start, Name(resolved.Granularity)));
    }

    [Theory]
    [InlineData("завтро в 11", "2026-11-25T11:00", "hour")]
    [InlineData("zavtro v 11", "2026-11-25T11:00", "hour")]
    [InlineData("зафтра утром", "2026-11-25T09:00", "part_of_day")]
    [InlineData("послезавтро", "2026-11-26T00:00", "day")]
    [InlineData("седня вечером", "2026-11-24T18:00", "part_of_day")]
    public void Common_misspellings_of_day_words_keep_the_day(string text, string start, string granularity)
    {
        var resolved = _recognizer.Recognize(text, Parse(Tuesday));

        Assert.True(resolved is not null, $"'{text}' was not recognized");
        Assert.Equal((Parse(start), granularity), (resolved.Start, Name(resolved.Granularity)));
    }

    [Theory]
    // Among times offered for Friday, a time alone means Friday...
    [InlineData("а в 15?", "2026-11-27T15:00", "hour")]
    [InlineData("how about 9pm", "2026-11-27T21:00", "hour")]
    [InlineData("а вечером?", "2026-11-27T18:00", "part_of_day")]
    // ...and a day said with it still wins, counted from when the customer wrote.
    [InlineData("а завтра в 15?", "2026-11-25T15:00", "hour")]
    [InlineData("sunday at 3pm", "2026-11-29T15:00", "hour")]
    [InlineData("в субботу", "2026-11-28T00:00", "day")]
    public void In_a_conversation_about_a_day_a_time_alone_means_that_day(string text, string start, string granularity)
    {
        var resolved = ((IDateTimeRecognizer)_recognizer).Recognize(text, Parse(Tuesday), Parse("2026-11-27T11:00"));

        Assert.True(resolved is not null, $"'{text}' was not recognized");
        Assert.Equal((Parse(start), granularity), (resolved.Start, Name(resolved.Granularity)));
    }

    [Fact]
    public void A_day_in_context_that_has_passed_is_ignored()
    {
        Assert.Equal(Parse("2026-11-24T15:00"), _recognizer.Recognize("в 15", Parse(Tuesday), Parse("2026-11-20T11:00"))!.Start);
    }

    [Theory]
    [InlineData("когда-нибудь")]
    [InlineData("мне 2 штуки")]
    [InlineData("хочу 3 маникюра")]
    [InlineData("whenever works")]
    [InlineData("order #A-10234")]
    [InlineData("")]
    public void Phrases_without_a_moment_give_nothing(string text)
    {
        Assert.Null(_recognizer.Recognize(text, Parse(Tuesday)));
    }

    private static DateTime Parse(string text) => DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Name(DateTimeGranularity granularity) => Staffono.Skills.Understanding.Evaluation.DateTimeCaseFile.Name(granularity);
}
