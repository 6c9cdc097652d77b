using System.Globalization;
using Staffono.Skills.Business;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Staffono.Skills.Leads;

/// <summary>
/// Reads the leads file the profile names, strictly like the profile and the shop: an unknown key, a missing field or a
/// value out of range stops start-up with the file, the line or the field (<c>demo-leads.yaml: scoring.tier_a: …</c>).
/// The home-services line it names (<c>line: demo-home.yaml</c>) is a business profile of its own, read by the profile loader.
/// </summary>
public static class LeadsLoader
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static LeadsSetup Load(string path, BusinessProfile? owner = null)
    {
        if (!File.Exists(path))
        {
            throw new BusinessProfileException($"{path}: the leads file does not exist.");
        }

        var name = Path.GetFileName(path);
        LeadsFile file;
        try
        {
            using var reader = new StreamReader(path);
            file = Reader.Deserialize<LeadsFile>(reader) ?? throw new BusinessProfileException($"{name}:1: the leads file is empty.");
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is { } cause and not YamlException ? " " + cause.Message : string.Empty;
            throw new BusinessProfileException($"{name}:{ex.Start.Line}: {ex.Message.TrimEnd('.')}.{inner}");
        }

        var converter = new Converter(name);
        var lineFile = converter.Required(file.Line, "line");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var line = BusinessProfileLoader.Load(Path.IsPathRooted(lineFile) ? lineFile : Path.Combine(folder, lineFile));
        return converter.Setup(file, line, owner);
    }

    private sealed class Converter(string file) : StrictFields(file)
    {
        public LeadsSetup Setup(LeadsFile f, BusinessProfile line, BusinessProfile? owner)
        {
            var currency = Currency(f.Currency, "currency");

            // The line's calendar is the business's calendar: a staff id used twice would make two people one.
            foreach (var staff in line.Staff.Where(s => owner?.Staff.Any(o => o.Id == s.Id) == true))
            {
                throw Error("line", $"the line's staff id '{staff.Id}' is also a staff id of the profile; give it another.");
            }

            var area = (f.ServiceArea ?? throw Error("service_area", "is missing: list the cities and districts you work in.")).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            if (area.Count == 0)
            {
                throw Error("service_area", "needs at least one city or district.");
            }

            var s = f.Scoring ?? throw Error("scoring", "is missing.");
            var scoring = new LeadScoring(
                Range(s.InArea, 0, 100, "scoring.in_area"), Range(s.Timeline, 0, 100, "scoring.timeline"), Range(s.TimelineDays, 1, 365, "scoring.timeline_days"),
                Range(s.BudgetFits, 0, 100, "scoring.budget_fits"), Range(s.DecisionMaker, 0, 100, "scoring.decision_maker"),
                Range(s.TierA, 1, 400, "scoring.tier_a"), Range(s.TierB, 0, 400, "scoring.tier_b"));
            if (scoring.TierB > scoring.TierA)
            {
                throw Error("scoring.tier_b", $"must not be above tier_a ({scoring.TierA}), found {scoring.TierB}.");
            }

            var max = scoring.InArea + scoring.Timeline + scoring.BudgetFits + scoring.DecisionMaker;
            if (scoring.TierA > max)
            {
                throw Error("scoring.tier_a", $"is {scoring.TierA}, more than the {max} points a lead can score: no lead would be Tier A.");
            }

            var projects = (f.Projects ?? throw Error("projects", "is missing.")).Select((p, i) => Project(p, $"projects[{i}]")).ToList();
            Unique(projects.Select(p => p.Id).ToList(), "projects", "id");

            if (projects.Count(p => p.Quote) > 1)
            {
                throw Error("projects", "only one project can be quoted by the cleaning formula (quote: true).");
            }

            var cleaning = Cleaning(f.Cleaning ?? throw Error("cleaning", "is missing."), line);
            var meeting = Required(f.MeetingService, "meeting_service");
            if (line.Services.All(x => x.Id != meeting))
            {
                throw Error("meeting_service", $"'{meeting}' is not a service of the line ({string.Join(", ", line.Services.Select(x => x.Id))}).");
            }

            return new LeadsSetup(line, currency, new ServiceArea(area), scoring, projects, cleaning, meeting, Text(f.Partner, "partner"));
        }

        private LeadProject Project(ProjectFile p, string path)
        {
            var price = p.Price ?? throw Error(path + ".price", "is missing.");
            if (price.From is not > 0m || price.To is not { } to || to < price.From)
            {
                throw Error(path + ".price", $"expected from above 0 and to not below it, found {price.From}-{price.To}.");
            }

            var words = p.Words ?? [];
            if (words.Count == 0)
            {
                throw Error(path + ".words", "needs the words customers use for it, in ru and en.");
            }

            var examples = (p.Examples ?? []).Select((e, i) => Text(e, $"{path}.examples[{i}]")).ToList();
            return new LeadProject(Id(p.Id, path + ".id"), Text(p.Name, path + ".name"), words, price.From.Value, to, Text(p.Drivers, path + ".drivers"),
                p.MinBudget is >= 0m ? p.MinBudget.Value : 0m, examples, p.Quote);
        }

        private CleaningFormula Cleaning(CleaningFile c, BusinessProfile line)
        {
            const string path = "cleaning";
            var extras = new Dictionary<CleaningExtra, decimal>();
            foreach (var (key, amount) in c.Extras ?? [])
            {
                extras[Enum<CleaningExtra>(key, $"{path}.extras.{key}")] = Amount(amount, $"{path}.extras.{key}");
            }

            var premises = new Dictionary<Premises, decimal>();
            foreach (var (key, factor) in c.Premises ?? [])
            {
                premises[Enum<Premises>(key, $"{path}.premises.{key}")] = factor is > 0m and <= 10m ? factor : throw Error($"{path}.premises.{key}", $"expected a multiplier above 0 and up to 10, found {factor}.");
            }

            var discounts = new Dictionary<CleaningFrequency, decimal>();
            foreach (var (key, percent) in c.FrequencyDiscountPercent ?? [])
            {
                discounts[Enum<CleaningFrequency>(key, $"{path}.frequency_discount_percent.{key}")] = percent is >= 0m and < 100m ? percent : throw Error($"{path}.frequency_discount_percent.{key}", $"expected a percentage from 0 to 99, found {percent}.");
            }

            var job = Required(c.JobService, path + ".job_service");
            if (line.Services.All(x => x.Id != job))
            {
                throw Error(path + ".job_service", $"'{job}' is not a service of the line ({string.Join(", ", line.Services.Select(x => x.Id))}).");
            }

            return new CleaningFormula(
                Amount(c.Base, path + ".base"), Amount(c.PerSquareMetre, path + ".per_square_metre"), Amount(c.PerRoom, path + ".per_room"), Amount(c.PerBathroom, path + ".per_bathroom"),
                extras, premises, discounts,
                Span(c.TypicalArea, 1, 10_000, path + ".typical_area"), Span(c.TypicalRooms, 1, 100, path + ".typical_rooms"), Span(c.TypicalBathrooms, 0, 50, path + ".typical_bathrooms"),
                Amount(c.Deposit, path + ".deposit"), job);
        }

        private (int From, int To) Span(string? text, int min, int max, string path)
        {
            var parts = (text ?? string.Empty).Split('-', StringSplitOptions.TrimEntries);
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && from >= min && to <= max && from <= to
                ? (from, to)
                : throw Error(path, $"expected \"from-to\" between {min} and {max}, such as \"{min}-{Math.Min(max, min + 10)}\", found '{text}'.");
        }

        private decimal Amount(decimal? value, string path) => value is >= 0m ? value.Value : throw Error(path, $"expected an amount of 0 or more, found '{value}'.");
    }

    // The file's shape, for YamlDotNet: an unknown key is an error with its line.
#pragma warning disable CA1812 // Instantiated by the YAML reader.
    private sealed class LeadsFile
    {
        public string? Currency { get; set; }

        public string? Line { get; set; }

        public List<string>? ServiceArea { get; set; }

        public TextFile? Partner { get; set; }

        public ScoringFile? Scoring { get; set; }

        public string? MeetingService { get; set; }

        public List<ProjectFile>? Projects { get; set; }

        public CleaningFile? Cleaning { get; set; }
    }

    private sealed class ScoringFile
    {
        public int? InArea { get; set; }

        public int? Timeline { get; set; }

        public int? TimelineDays { get; set; }

        public int? BudgetFits { get; set; }

        public int? DecisionMaker { get; set; }

        public int? TierA { get; set; }

        public int? TierB { get; set; }
    }

    private sealed class ProjectFile
    {
        public string? Id { get; set; }

        public TextFile? Name { get; set; }

        public List<string>? Words { get; set; }

        public PriceFile? Price { get; set; }

        public TextFile? Drivers { get; set; }

        public decimal? MinBudget { get; set; }

        public List<TextFile>? Examples { get; set; }

        public bool Quote { get; set; }
    }

    private sealed class PriceFile
    {
        public decimal? From { get; set; }

        public decimal? To { get; set; }
    }

    private sealed class CleaningFile
    {
        public decimal? Base { get; set; }

        public decimal? PerSquareMetre { get; set; }

        public decimal? PerRoom { get; set; }

        public decimal? PerBathroom { get; set; }

        public Dictionary<string, decimal>? Extras { get; set; }

        public Dictionary<string, decimal>? Premises { get; set; }

        public Dictionary<string, decimal>? FrequencyDiscountPercent { get; set; }

        public string? TypicalArea { get; set; }

        public string? TypicalRooms { get; set; }

        public string? TypicalBathrooms { get; set; }

        public decimal? Deposit { get; set; }

        public string? JobService { get; set; }
    }

    private sealed class TextFile : ILocalizedFile
    {
        public string? Ru { get; set; }

        public string? En { get; set; }
    }
#pragma warning restore CA1812
}
