using Staffono.Bot.Tests.Bot;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Business;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Business;

public sealed class BusinessProfileLoaderTests : IDisposable
{
    private static readonly string Demo = Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_shipped_demo_profile_has_two_locations_six_services_and_four_staff()
    {
        var profile = BusinessProfileLoader.Load(Demo);

        Assert.Equal(2, profile.Locations.Count);
        Assert.True(profile.Services.Count >= 6);
        Assert.Equal(4, profile.Staff.Count);
        Assert.Equal(TimeSpan.FromHours(3), profile.TimeZone.GetUtcOffset(new DateTime(2026, 11, 24)));
        Assert.Contains(profile.Services, s => s.Premium);
        var olga = profile.Staff.Single(s => s.Id == "olga");
        Assert.Contains(olga.Hours, h => h is { LocationId: "tverskaya", Day: DayOfWeek.Thursday } && h.From == new TimeOnly(12, 0) && h.To == new TimeOnly(21, 0));
        Assert.Equal(new TimeOnly(22, 0), profile.Booking.QuietFrom);
        Assert.Equal(TimeSpan.FromMinutes(5), profile.Booking.HoldDuration);
        Assert.Contains(new DateOnly(2026, 12, 31), profile.ClosedDays);
        Assert.Equal("Стрижка", profile.Services.Single(s => s.Id == "haircut").Name.In("ru"));
    }

    [Theory]
    [InlineData("    locations: [tverskaya, arbat]\n  - id: coloring", "    locations: [tverskaya, moon]\n  - id: coloring", "services[0].locations[1]: unknown location 'moon'")]
    [InlineData("duration_minutes: 60", "duration_minutes: sixty", "services[0].duration_minutes: expected a number of at least 5")]
    [InlineData("thu: \"12:00-21:00\", fri", "thu: \"21:00-12:00\", fri", "staff[0].hours.tverskaya.thu: expected a time range like \"10:00-19:00\" that ends after it starts")]
    [InlineData("time_zone: Europe/Moscow", "time_zone: Mars/Olympus", "business.time_zone: unknown time zone 'Mars/Olympus'")]
    [InlineData("  - id: arbat\n", "  - id: tverskaya\n", "locations: the id 'tverskaya' is used twice")]
    [InlineData("services: [manicure, pedicure]", "services: [manicure, massage]", "staff[1].services[1]: unknown service 'massage'")]
    [InlineData("horizon_days: 30", "horizon_days: 3000", "booking.horizon_days: expected a number from 1 to 365")]
    [InlineData("closed_days: [2026-12-31,", "closed_days: [31.12.2026,", "closed_days[0]: expected a date like 2026-12-31")]
    [InlineData("    services: [manicure, pedicure]", "    services: [manicure]", "services[3]: nobody on the staff provides 'pedicure'")]
    public void A_mistake_is_reported_with_its_line_and_field(string original, string broken, string message)
    {
        var text = File.ReadAllText(Demo);
        Assert.Contains(original, text);
        var path = _folder.File("profile.yaml");
        File.WriteAllText(path, ReplaceFirst(text, original, broken));
        var expectedLine = LineOf(File.ReadAllLines(path), broken.Split('\n')[0].Trim());

        var error = Assert.Throws<BusinessProfileException>(() => BusinessProfileLoader.Load(path));

        Assert.Contains(message, error.Message);
        Assert.StartsWith(path + ":", error.Message);
        if (expectedLine > 0 && !message.Contains("is used twice", StringComparison.Ordinal) && !message.Contains("nobody on the staff", StringComparison.Ordinal))
        {
            Assert.StartsWith($"{path}:{expectedLine}:", error.Message);
        }
    }

    [Fact]
    public void Yaml_that_does_not_parse_names_the_line()
    {
        var path = _folder.File("profile.yaml");
        File.WriteAllText(path, "business:\n  name: ok\n  time_zone: \"Europe/Moscow\nlocations: []\n");

        var error = Assert.Throws<BusinessProfileException>(() => BusinessProfileLoader.Load(path));

        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:[2-5]: not valid YAML", error.Message);
    }

    [Fact]
    public async Task A_broken_profile_stops_the_host_from_starting()
    {
        var path = _folder.File("broken.yaml");
        File.WriteAllText(path, File.ReadAllText(Demo).Replace("time_zone: Europe/Moscow", "time_zone: Nowhere/Land", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<BusinessProfileException>(() => RunningHost.StartAsync($"--Business:ProfilePath={path}"));

        Assert.Contains("business.time_zone", error.Message);
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + original.Length)..];
    }

    private static int LineOf(string[] lines, string fragment) => Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal)) + 1;
}
