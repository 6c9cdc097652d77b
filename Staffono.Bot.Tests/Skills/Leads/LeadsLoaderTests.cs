using Staffono.Bot.Tests.Support;
using Staffono.Skills.Business;
using Staffono.Skills.Leads;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Leads;

/// <summary>
/// The leads file is read strictly: the shipped demo loads whole with the values the owner wrote (its line, area,
/// scoring, projects and cleaning formula), and a hand-editing mistake (a misspelt key, tiers in the wrong order or out
/// of reach, a meeting service the line does not offer, a line staff id the salon already uses, ...) stops loading with
/// one message naming the file and the field.
/// </summary>
public sealed class LeadsLoaderTests : IDisposable
{
    private static readonly string DemoFolder = Path.Combine(AppContext.BaseDirectory, "Business");
    private static readonly string DemoProfile = Path.Combine(DemoFolder, "demo-profile.yaml");
    private static readonly string DemoLeads = Path.Combine(DemoFolder, "demo-leads.yaml");
    private static readonly string DemoHome = Path.Combine(DemoFolder, "demo-home.yaml");
    private static readonly string DemoShop = Path.Combine(DemoFolder, "demo-shop.yaml");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_demo_leads_file_loads_its_line_area_scoring_and_projects()
    {
        var setup = LeadsLoader.Load(DemoLeads);

        Assert.Equal("RUB", setup.Currency);
        Assert.Equal(["repair", "cleaning"], setup.Projects.Select(p => p.Id));
        Assert.Equal("cleaning", Assert.Single(setup.Projects, p => p.Quote).Id);
        Assert.Contains("Moscow", setup.Area.Places);
        Assert.Contains("Химки", setup.Area.Places);
        Assert.Equal(14, setup.Area.Places.Count);
        Assert.Equal(new LeadScoring(40, 30, 30, 20, 10, 85, 40), setup.Scoring);
        Assert.Equal("site_visit", setup.MeetingServiceId);
        Assert.StartsWith("Мы работаем в Москве", setup.Partner.Ru, StringComparison.Ordinal);
        Assert.StartsWith("We work in Moscow", setup.Partner.En, StringComparison.Ordinal);

        var repair = setup.Projects[0];
        Assert.Equal((1500m, 40000m, 3000m, false), (repair.PriceFrom, repair.PriceTo, repair.MinBudget, repair.Quote));
        Assert.Equal(3, repair.Examples.Count);
        Assert.Equal("Small repairs", repair.Name.En);
        Assert.Contains("сантехник", repair.Words);
    }

    [Fact]
    public void The_demo_line_is_a_business_of_its_own_with_the_meeting_and_job_services()
    {
        var setup = LeadsLoader.Load(DemoLeads);

        Assert.Equal(["call", "site_visit", "cleaning"], setup.Line.Services.Select(s => s.Id));
        Assert.Equal(["manager_alexey", "crew_1", "crew_2"], setup.Line.Staff.Select(s => s.Id));
        Assert.Equal(["on_site"], setup.Line.Locations.Select(l => l.Id));
        Assert.Equal("cleaning", setup.Cleaning.JobServiceId);
        Assert.Equal(1000m, setup.Cleaning.Deposit);
        Assert.Equal((30, 120), setup.Cleaning.TypicalArea);
    }

    [Fact]
    public void The_demo_profile_loads_the_leads_file_it_names_with_staff_ids_of_its_own()
    {
        var profile = BusinessProfileLoader.Load(DemoProfile);

        Assert.NotNull(profile.Leads);
        Assert.Equal(2, profile.Leads.Projects.Count);
        Assert.DoesNotContain(profile.Leads.Line.Staff, s => profile.Staff.Any(o => o.Id == s.Id));
        Assert.NotNull(profile.Shop);
    }

    [Theory]
    [InlineData("уборку", "cleaning")]
    [InlineData("Нужна генеральная уборка квартиры", "cleaning")]
    [InlineData("I need a cleaner", "cleaning")]
    [InlineData("нужно починить кран", "repair")]
    [InlineData("need a plumber", "repair")]
    [InlineData("хочу маникюр", null)]
    public void A_message_names_a_project_by_its_words_in_any_form(string text, string? project)
    {
        Assert.Equal(project, LeadsLoader.Load(DemoLeads).ProjectIn(text)?.Id);
    }

    /// <summary>A change to the demo leads file (text found, text written instead) and the pieces the one message must hold.</summary>
    public static TheoryData<string, string, string[]> Broken => new()
    {
        { "tier_b: 40", "tier_b: 90", ["my-leads.yaml", "scoring.tier_b", "tier_a (85)", "90"] },
        { "tier_a: 85", "tier_a: 101", ["my-leads.yaml", "scoring.tier_a", "101", "100 points"] },
        { "meeting_service: site_visit", "meeting_service: haircut", ["my-leads.yaml", "meeting_service", "'haircut'", "call, site_visit, cleaning"] },
        { "job_service: cleaning", "job_service: site_cleaning", ["my-leads.yaml", "cleaning.job_service", "'site_cleaning'"] },
        { "currency: RUB", "currency: rub", ["my-leads.yaml", "currency", "'rub'"] },
        { "in_area: 40", "in_area: 140", ["my-leads.yaml", "scoring.in_area", "140"] },
        { "typical_area: \"30-120\"", "typical_area: \"120-30\"", ["my-leads.yaml", "cleaning.typical_area", "120-30"] },
        { "flat: 1.0", "flat: 0", ["my-leads.yaml", "cleaning.premises.flat", "0"] },
        { "weekly: 20", "weekly: 100", ["my-leads.yaml", "cleaning.frequency_discount_percent.weekly", "100"] },
        { "extras: { windows: 1500", "extras: { windoes: 1500", ["my-leads.yaml", "cleaning.extras.windoes", "'windoes'", "deep_clean"] },
        { "  - id: cleaning\n", "  - id: repair\n", ["my-leads.yaml", "projects[1].id", "'repair'"] },
        { "    min_budget: 3000\n    examples:", "    min_budget: 3000\n    quote: true\n    examples:", ["my-leads.yaml", "projects", "quote: true"] },
        { "service_area: [", "service_area_list: [", ["my-leads.yaml", "service_area_list"] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_leads_file_is_one_message_naming_the_file_and_the_field(string find, string replace, string[] expected)
    {
        var path = WriteLeads(find, replace);

        var error = Assert.Throws<BusinessProfileException>(() => LeadsLoader.Load(path));

        Assert.All(expected, piece => Assert.Contains(piece, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_file_and_line()
    {
        var path = WriteLeads("  tier_b: 40", "  tier_c: 40");
        var text = File.ReadAllText(path);
        var line = text[..text.IndexOf("  tier_c:", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<BusinessProfileException>(() => LeadsLoader.Load(path));

        Assert.StartsWith($"my-leads.yaml:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("tier_c", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_staff_id_the_profile_already_uses_is_named_with_the_leads_file()
    {
        WriteDemoSet(homeFind: "  - id: crew_1\n", homeReplace: "  - id: olga\n");

        var error = Assert.Throws<BusinessProfileException>(() => BusinessProfileLoader.Load(_folder.File("profile.yaml")));

        Assert.StartsWith("demo-leads.yaml: line:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'olga'", error.Message, StringComparison.Ordinal);

        // The same files load once the id is the line's own.
        WriteDemoSet(homeFind: "  - id: crew_1\n", homeReplace: "  - id: crew_olga\n");
        var profile = BusinessProfileLoader.Load(_folder.File("profile.yaml"));
        Assert.Contains(profile.Leads!.Line.Staff, s => s.Id == "crew_olga");
    }

    [Fact]
    public void A_line_file_that_is_not_there_or_a_leads_file_that_is_not_there_fails_to_load()
    {
        var path = WriteLeads("line: demo-home.yaml", "line: missing-home.yaml");

        var line = Assert.Throws<BusinessProfileException>(() => LeadsLoader.Load(path));
        var leads = Assert.Throws<BusinessProfileException>(() => LeadsLoader.Load(_folder.File("nowhere.yaml")));

        Assert.Contains("missing-home.yaml", line.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", line.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere.yaml", leads.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", leads.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_of_the_demo_set_elsewhere_reads_the_changed_formula_beside_it()
    {
        WriteDemoSet(leadsFind: "  per_square_metre: 45", leadsReplace: "  per_square_metre: 50");

        var profile = BusinessProfileLoader.Load(_folder.File("profile.yaml"));

        Assert.Equal(50m, profile.Leads!.Cleaning.PerSquareMetre);
    }

    /// <summary>The demo leads file with one change, as my-leads.yaml beside a copy of the demo line.</summary>
    private string WriteLeads(string find, string replace)
    {
        File.Copy(DemoHome, _folder.File("demo-home.yaml"), overwrite: true);
        var path = _folder.File("my-leads.yaml");
        File.WriteAllText(path, Changed(File.ReadAllText(DemoLeads), find, replace));
        return path;
    }

    /// <summary>The whole demo set (profile.yaml, its shop, its leads and their line) in the test's folder, with a change to the leads or the line.</summary>
    private void WriteDemoSet(string? leadsFind = null, string? leadsReplace = null, string? homeFind = null, string? homeReplace = null)
    {
        File.Copy(DemoProfile, _folder.File("profile.yaml"), overwrite: true);
        File.Copy(DemoShop, _folder.File("demo-shop.yaml"), overwrite: true);
        var leads = File.ReadAllText(DemoLeads);
        var home = File.ReadAllText(DemoHome);
        File.WriteAllText(_folder.File("demo-leads.yaml"), leadsFind is null ? leads : Changed(leads, leadsFind, leadsReplace!));
        File.WriteAllText(_folder.File("demo-home.yaml"), homeFind is null ? home : Changed(home, homeFind, homeReplace!));
    }

    private static string Changed(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The demo file no longer holds '{find}'.");
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
