using System.Text;
using Staffono.Bot.Tests.Bot;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Business;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Business;

public sealed class BusinessProfileLoaderTests : IDisposable
{
    private static readonly string Demo = Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml");

    /// <summary>A small valid profile whose line numbers the table below refers to (line 1 is "business:").</summary>
    private static readonly string[] Base =
    [
        "business:",                                                       // 1
        "  name: Test salon",                                              // 2
        "  time_zone: Europe/Moscow",                                      // 3
        "locations:",                                                      // 4
        "  - id: center",                                                  // 5
        "    name: { ru: \"Центр\", en: \"Center\" }",                     // 6
        "    address: { ru: \"ул. Ленина, 1\", en: \"1 Lenina St\" }",     // 7
        "  - id: north",                                                   // 8
        "    name: { ru: \"Север\", en: \"North\" }",                      // 9
        "    address: { ru: \"ул. Северная, 2\", en: \"2 Severnaya St\" }", // 10
        "services:",                                                       // 11
        "  - id: haircut",                                                 // 12
        "    name: { ru: \"Стрижка\", en: \"Haircut\" }",                  // 13
        "    synonyms: [стрижку, trim]",                                   // 14
        "    duration_minutes: 60",                                        // 15
        "    price: { from: 1500, to: 2500, currency: RUB }",              // 16
        "    premium: false",                                              // 17
        "    locations: [center, north]",                                  // 18
        "staff:",                                                          // 19
        "  - id: olga",                                                    // 20
        "    name: Ольга",                                                 // 21
        "    services: [haircut]",                                         // 22
        "    hours:",                                                      // 23
        "      center: { mon: \"10:00-19:00\", tue: \"10:00-19:00\" }",    // 24
        "      north: { wed: \"12:00-21:00\" }",                           // 25
        "    days_off: [2026-12-24]",                                      // 26
        "closed_days: [2026-12-31]",                                       // 27
        "booking:",                                                        // 28
        "  min_lead_minutes: 60",                                          // 29
        "  horizon_days: 30",                                              // 30
        "  slot_step_minutes: 15",                                         // 31
        "  hold_minutes: 5",                                               // 32
        "  quiet_hours: \"22:00-09:00\"",                                  // 33
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Broken profiles: from line N of the base, M lines replaced by the text (several lines where it holds
    /// \n; nothing removes them; «FF» stands for the raw byte 0xFF), and the whole message expected after "file:".
    /// </summary>
    public static TheoryData<int, int, string?, string> Broken => new()
    {
        // YAML that does not parse: the real line and column.
        { 14, 1, "    synonyms: [стрижку, trim", "14:15: not valid YAML: the '[' opened here is never closed." },
        { 16, 1, "    price: { from: 1500, to: 2500, currency: RUB", "16:12: not valid YAML: the '{' opened here is never closed." },
        { 21, 1, "  \tname: Ольга", "21:3: not valid YAML: a tab in the indentation; indent with spaces." },
        { 15, 1, "    duration_minutes: 60\n    duration_minutes: 30", "16:5: not valid YAML: Duplicate key duration_minutes." },
        { 21, 1, "    name: Ольга\n      extra: 1", "22:12: not valid YAML: While scanning a plain scalar value, found invalid mapping." },
        { 34, 1, "---\nbusiness: {}", "35: the profile must be one YAML document, not several ('---')." },
        // Text that is not UTF-8.
        { 21, 1, "    name: Ол«FF»га", "21: the file is not valid UTF-8 here; save it as UTF-8." },
        // Unknown keys: never silently ignored, with a suggestion when one is close.
        { 27, 1, "closed_day: [2026-12-31]", "27: closed_day: unknown key 'closed_day' (did you mean `closed_days`?); allowed here: business, shop, leads, locations, services, staff, closed_days, booking." },
        { 26, 1, "    day_off: [2026-12-24]", "26: staff[0].day_off: unknown key 'day_off' (did you mean `days_off`?); allowed here: id, name, services, hours, days_off." },
        { 17, 1, "    premuim: true", "17: services[0].premuim: unknown key 'premuim' (did you mean `premium`?); allowed here: id, name, synonyms, duration_minutes, price, premium, locations." },
        { 2, 1, "  name: Test salon\n  slogan: Best in town", "3: business.slogan: unknown key 'slogan'; allowed here: name, time_zone." },
        { 16, 1, "    price: { from: 1500, to: 2500, curency: RUB }", "16: services[0].price.curency: unknown key 'curency' (did you mean `currency`?); allowed here: from, to, currency." },
        { 13, 1, "    name: { ru: \"Стрижка\", eng: \"Haircut\" }", "13: services[0].name.eng: unknown key 'eng' (did you mean `en`?); allowed here: ru, en." },
        { 32, 1, "  hold_minute: 5", "32: booking.hold_minute: unknown key 'hold_minute' (did you mean `hold_minutes`?); allowed here: min_lead_minutes, horizon_days, slot_step_minutes, hold_minutes, quiet_hours." },
        // Numbers: out of range or not numbers at all are errors with the field, never exceptions.
        { 15, 1, "    duration_minutes: 99999999999", "15: services[0].duration_minutes: expected a number from 5 to 1440, found '99999999999'." },
        { 15, 1, "    duration_minutes: 1e400", "15: services[0].duration_minutes: expected a number from 5 to 1440, found '1e400'." },
        { 15, 1, "    duration_minutes: sixty", "15: services[0].duration_minutes: expected a number from 5 to 1440, found 'sixty'." },
        { 15, 1, "    duration_minutes: [60]", "15: services[0].duration_minutes: expected a number from 5 to 1440, found a list." },
        { 30, 1, "  horizon_days: 3000", "30: booking.horizon_days: expected a number from 1 to 365, found '3000'." },
        { 32, 1, "  hold_minutes: 0", "32: booking.hold_minutes: expected a number from 1 to 60, found '0'." },
        { 29, 1, "  min_lead_minutes: -60", "29: booking.min_lead_minutes: expected a number from 0 to 43200, found '-60'." },
        { 16, 1, "    price: { from: 3000, to: 2500, currency: RUB }", "16: services[0].price.to: must not be below price.from (3000)." },
        { 16, 1, "    price: { from: 1500, to: 2500, currency: rubles }", "16: services[0].price.currency: expected a three-letter currency code such as RUB or EUR, found 'rubles'." },
        { 17, 1, "    premium: maybe", "17: services[0].premium: expected true or false, found 'maybe'." },
        // Hours: what a staff member's week must look like.
        { 24, 1, "      [center, north]: { mon: \"10:00-19:00\" }", "24: staff[0].hours: expected a name before ':', found a list." },
        { 23, 3, "    hours: {}", "23: staff[0].hours: lists no working hours; give at least one location with its days, e.g. tverskaya: { mon: \"10:00-19:00\" }." },
        { 25, 1, "      north: {}", "25: staff[0].hours.north: lists no days; give at least one, e.g. mon: \"10:00-19:00\"." },
        { 25, 1, "      north: { mon: \"18:00-21:00\" }", "25: staff[0].hours.north.mon: overlaps staff[0].hours.center.mon (10:00-19:00); one person cannot work at two locations at once." },
        { 25, 1, "      north: { thr: \"12:00-21:00\" }", "25: staff[0].hours.north.thr: expected a weekday: mon, tue, wed, thu, fri, sat or sun (did you mean `thu`?)." },
        { 25, 1, "      north: { wed: \"21:00-12:00\" }", "25: staff[0].hours.north.wed: expected a time range like \"10:00-19:00\" that ends after it starts, found '21:00-12:00'." },
        { 25, 1, "      nort: { wed: \"12:00-21:00\" }", "25: staff[0].hours.nort: unknown location 'nort' (did you mean `north`?)." },
        { 33, 1, "  quiet_hours: \"25:00-09:00\"", "33: booking.quiet_hours: expected a time range like \"10:00-19:00\", found '25:00-09:00'." },
        // References and ids.
        { 18, 1, "    locations: [center, nort]", "18: services[0].locations[1]: unknown location 'nort' (did you mean `north`?)." },
        { 18, 1, "    locations: center", "18: services[0].locations: expected a list, found 'center'." },
        { 22, 1, "    services: [haircutt]", "22: staff[0].services[0]: unknown service 'haircutt' (did you mean `haircut`?)." },
        { 22, 1, "    services: []", "22: staff[0].services: must not be empty." },
        { 8, 1, "  - id: center", "8: locations[1].id: the id 'center' is already used by locations[0]." },
        { 5, 1, "  - id: центр", "5: locations[0].id: 'центр' may use only latin letters, digits, '-' and '_'." },
        { 3, 1, "  time_zone: Mars/Olympus", "3: business.time_zone: unknown time zone 'Mars/Olympus' (use an IANA id such as Europe/Moscow)." },
        { 27, 1, "closed_days: [31.12.2026]", "27: closed_days[0]: expected a date like 2026-12-31, found '31.12.2026'." },
        { 13, 1, "    name: { ru: \"Стрижка\" }", "13: services[0].name.en: is missing." },
        { 2, 1, null, "2: business.name: is missing." },
        { 21, 1, "    name: \"  \"", "21: staff[0].name: expected a non-empty text, found '  '." },
    };

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

    [Fact]
    public void The_base_profile_of_the_table_is_valid()
    {
        var profile = BusinessProfileLoader.Load(Write(Base));

        Assert.Equal(["center", "north"], profile.Locations.Select(l => l.Id));
        Assert.Equal(3, profile.Staff.Single().Hours.Count);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_profile_is_one_message_with_the_line_and_the_field(int line, int replaced, string? replacement, string expected)
    {
        var lines = Base.ToList();
        lines.RemoveRange(Math.Min(line - 1, lines.Count), Math.Min(replaced, Math.Max(0, lines.Count - line + 1)));
        if (replacement is not null)
        {
            lines.Insert(line - 1, replacement);
        }

        var path = Write(lines);

        var error = Assert.Throws<BusinessProfileException>(() => BusinessProfileLoader.Load(path));

        Assert.Equal($"{path}:{expected}", error.Message);
    }

    [Fact]
    public void The_table_holds_at_least_thirty_broken_profiles() => Assert.True(Broken.Count >= 30);

    [Fact]
    public async Task A_broken_profile_stops_the_host_from_starting()
    {
        var path = _folder.File("broken.yaml");
        File.WriteAllText(path, File.ReadAllText(Demo).Replace("time_zone: Europe/Moscow", "time_zone: Nowhere/Land", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<BusinessProfileException>(() => RunningHost.StartAsync($"--Business:ProfilePath={path}"));

        Assert.Contains("business.time_zone", error.Message);
    }

    [Fact]
    public async Task The_bot_started_with_a_broken_profile_prints_one_line_and_exits_with_2()
    {
        var lines = Base.ToList();
        lines[25] = "    day_off: [2026-12-24]";
        var path = Write(lines);

        var (exitCode, output, errors) = await BotProcess.RunToExitAsync($"--Business:ProfilePath={path}", $"--Storage:DataFolder={_folder.File("data")}", "--urls=http://127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Equal([$"{path}:26: staff[0].day_off: unknown key 'day_off' (did you mean `days_off`?); allowed here: id, name, services, hours, days_off."], errors);
        Assert.Empty(output);
    }

    [Fact]
    public async Task The_bot_started_with_a_bad_setting_prints_one_line_and_exits_with_2()
    {
        var (exitCode, output, errors) = await BotProcess.RunToExitAsync("--MicrosoftAppType=Sometimes", $"--Storage:DataFolder={_folder.File("data")}", "--urls=http://127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Contains("MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI, not 'Sometimes'.", Assert.Single(errors), StringComparison.Ordinal);
        Assert.Empty(output);
    }

    private string Write(IEnumerable<string> lines)
    {
        var path = _folder.File($"profile-{Guid.NewGuid():N}.yaml");
        var text = string.Join('\n', lines) + "\n";
        var bytes = new List<byte>();
        foreach (var (part, i) in text.Split("«FF»").Select((p, i) => (p, i)))
        {
            if (i > 0)
            {
                bytes.Add(0xFF);
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(part));
        }

        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }
}
