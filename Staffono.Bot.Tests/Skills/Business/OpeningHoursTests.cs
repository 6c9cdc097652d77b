using Staffono.Skills.Business;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Business;

/// <summary>The salon is open while anyone works; closed days and nights are closed, and the next opening is found across them.</summary>
public sealed class OpeningHoursTests
{
    private static readonly OpeningHours Hours = new(BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml")));

    /// <summary>Moscow is UTC+3 all year.</summary>
    private static DateTimeOffset Moscow(int month, int day, int hour, int minute = 0) => new(2026 + (month == 1 ? 1 : 0), month, day, hour, minute, 0, TimeSpan.FromHours(3));

    [Theory]
    [InlineData(11, 24, 10, 0, true)]    // Tuesday, Olga and Irina start at 10:00
    [InlineData(11, 24, 9, 59, false)]
    [InlineData(11, 24, 19, 59, true)]   // Marina works until 20:00 on Arbat
    [InlineData(11, 24, 20, 0, false)]
    [InlineData(11, 29, 15, 59, true)]   // Sunday: Marina alone, 10-16
    [InlineData(11, 29, 16, 0, false)]
    [InlineData(12, 31, 12, 0, false)]   // a closed day, though Thursday has shifts
    public void Open_while_someone_works(int month, int day, int hour, int minute, bool open) =>
        Assert.Equal(open, Hours.IsOpen(Moscow(month, day, hour, minute)));

    [Fact]
    public void The_next_opening_is_now_when_open_the_next_shift_at_night_and_after_the_new_year_holidays()
    {
        Assert.Equal(Moscow(11, 24, 14, 5), Hours.NextOpen(Moscow(11, 24, 14, 5)));
        Assert.Equal(Moscow(11, 25, 9), Hours.NextOpen(Moscow(11, 24, 22, 30)));
        Assert.Equal(Moscow(11, 25, 9), Hours.NextOpen(Moscow(11, 25, 0, 10)));
        // Wednesday 30 December after closing; 31 December to 2 January are closed; Sunday 3 January opens at 10:00.
        Assert.Equal(Moscow(1, 3, 10), Hours.NextOpen(Moscow(12, 30, 21, 30)));
    }

    [Fact]
    public void A_business_where_nobody_works_never_opens()
    {
        var profile = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
        var nobody = new OpeningHours(profile with { Staff = [] });

        Assert.False(nobody.IsOpen(Moscow(11, 24, 12)));
        Assert.Null(nobody.NextOpen(Moscow(11, 24, 12)));
    }
}
