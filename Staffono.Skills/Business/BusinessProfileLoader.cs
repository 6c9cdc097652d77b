using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Staffono.Skills.Business;

/// <summary>
/// Reads the business profile YAML and checks it strictly, because an owner edits it by hand and a
/// silent mistake (a misspelt key that quietly switches a feature off) is worse than a loud one. Every
/// problem is one line naming the file, the line (and for broken YAML the column) and the field:
/// <c>profile.yaml:23: services[2].duration_minutes: expected a number from 5 to 1440, found 'sixty'.</c>
/// Unknown keys are errors, with a suggestion when one is close.
/// </summary>
public static class BusinessProfileLoader
{
    public static BusinessProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BusinessProfileException($"{path}: the business profile file does not exist.");
        }

        return Load(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a profile from its bytes; <paramref name="name"/> is what errors call the file.</summary>
    public static BusinessProfile Load(byte[] utf8, string name)
    {
        var text = Decode(utf8, name);
        CheckIndentation(text, name);
        var tracker = new FlowTracker(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(tracker);
        }
        catch (YamlException ex)
        {
            throw new BusinessProfileException($"{name}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {Sentence(ex.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The YAML library gives up without a position when a bracket or brace is never closed.
            throw tracker.OpenFlow is { } open
                ? new BusinessProfileException($"{name}:{open.Line}:{open.Column}: not valid YAML: the '{open.Bracket}' opened here is never closed.")
                : new BusinessProfileException($"{name}:{tracker.LastLine}: not valid YAML near here; check brackets and quotes.");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new BusinessProfileException($"{name}:1: expected a mapping with business, locations, services, staff and booking.");
        }

        if (stream.Documents.Count > 1)
        {
            throw new BusinessProfileException($"{name}:{stream.Documents[1].RootNode.Start.Line}: the profile must be one YAML document, not several ('---').");
        }

        var profile = new Reader(name).Profile(root);
        // The shop lives in a file of its own beside the profile: products and policies change more often than the salon.
        if (root.Children.TryGetValue(new YamlScalarNode("shop"), out var shopNode))
        {
            var shopFile = shopNode is YamlScalarNode { Value: { Length: > 0 } file } ? file : throw new BusinessProfileException($"{name}:{shopNode.Start.Line}: shop: expected the shop file's name, such as demo-shop.yaml.");
            var folder = Path.GetDirectoryName(Path.GetFullPath(name)) ?? ".";
            profile = profile with { Shop = Shop.ShopLoader.Load(Path.IsPathRooted(shopFile) ? shopFile : Path.Combine(folder, shopFile)) };
        }

        // Leads and the home-services line are a file of their own too: a salon without them has none.
        if (root.Children.TryGetValue(new YamlScalarNode("leads"), out var leadsNode))
        {
            var leadsFile = leadsNode is YamlScalarNode { Value: { Length: > 0 } file } ? file : throw new BusinessProfileException($"{name}:{leadsNode.Start.Line}: leads: expected the leads file's name, such as demo-leads.yaml.");
            var folder = Path.GetDirectoryName(Path.GetFullPath(name)) ?? ".";
            profile = profile with { Leads = Leads.LeadsLoader.Load(Path.IsPathRooted(leadsFile) ? leadsFile : Path.Combine(folder, leadsFile), profile) };
        }

        return profile;
    }

    private static string Decode(byte[] utf8, string name)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(utf8);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + utf8.AsSpan(0, Math.Max(0, ex.Index)).Count((byte)'\n');
            throw new BusinessProfileException($"{name}:{line}: the file is not valid UTF-8 here; save it as UTF-8.");
        }
    }

    /// <summary>YAML indents with spaces only; the library reports a tab at the wrong line, so look first.</summary>
    private static void CheckIndentation(string text, string name)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                throw new BusinessProfileException($"{name}:{i + 1}:{tab + 1}: not valid YAML: a tab in the indentation; indent with spaces.");
            }
        }
    }

    /// <summary>The library's message as a sentence: capitalised as it comes, with one full stop.</summary>
    private static string Sentence(string message) => message.TrimEnd().TrimEnd('.') + ".";

    /// <summary>Passes the parser's events through, remembering the flow collections ([..], {..}) still open.</summary>
    private sealed class FlowTracker(IParser inner) : IParser
    {
        private readonly Stack<(Mark Start, char Bracket)> _open = new();

        public ParsingEvent? Current => inner.Current;

        public (long Line, long Column, char Bracket)? OpenFlow =>
            _open.Count == 0 ? null : (_open.Last().Start.Line, _open.Last().Start.Column, _open.Last().Bracket);

        public long LastLine { get; private set; } = 1;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            switch (inner.Current)
            {
                case SequenceStart { Style: SequenceStyle.Flow } sequence:
                    _open.Push((sequence.Start, '['));
                    break;
                case MappingStart { Style: MappingStyle.Flow } mapping:
                    _open.Push((mapping.Start, '{'));
                    break;
                case SequenceEnd or MappingEnd when _open.Count > 0:
                    // Block collections cannot sit inside flow ones, so while a flow is open every end is a flow's end.
                    _open.Pop();
                    break;
            }

            if (inner.Current is { } current)
            {
                LastLine = current.Start.Line;
            }

            return moved;
        }
    }

    private sealed class Reader(string file)
    {
        private static readonly string[] RootKeys = ["business", "shop", "leads", "locations", "services", "staff", "closed_days", "booking"];
        private static readonly string[] BusinessKeys = ["name", "time_zone"];
        private static readonly string[] LocationKeys = ["id", "name", "address"];
        private static readonly string[] TextKeys = ["ru", "en"];
        private static readonly string[] ServiceKeys = ["id", "name", "synonyms", "duration_minutes", "price", "premium", "locations"];
        private static readonly string[] PriceKeys = ["from", "to", "currency"];
        private static readonly string[] StaffKeys = ["id", "name", "services", "hours", "days_off"];
        private static readonly string[] BookingKeys = ["min_lead_minutes", "horizon_days", "slot_step_minutes", "hold_minutes", "quiet_hours"];
        private static readonly string[] WeekdayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

        public BusinessProfile Profile(YamlMappingNode root)
        {
            Keys(root, null, RootKeys);
            var business = Mapping(root, "business", "business");
            Keys(business, "business", BusinessKeys);
            var profileName = Text(business, "name", "business.name");
            var timeZoneId = Text(business, "time_zone", "business.time_zone");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var timeZone))
            {
                throw Error(Child(business, "time_zone")!, "business.time_zone", $"unknown time zone '{timeZoneId}' (use an IANA id such as Europe/Moscow).");
            }

            var locationsNode = Sequence(root, "locations", "locations");
            var locations = locationsNode.Select((node, i) => LocationOf(node, $"locations[{i}]")).ToList();
            Unique(locationsNode, "locations", locations.Select(l => l.Id).ToList());
            var locationIds = locations.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);

            var servicesNode = Sequence(root, "services", "services");
            var services = servicesNode.Select((node, i) => ServiceOf(node, $"services[{i}]", locationIds)).ToList();
            Unique(servicesNode, "services", services.Select(s => s.Id).ToList());
            var serviceIds = services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

            var staffNode = Sequence(root, "staff", "staff");
            var staff = staffNode.Select((node, i) => StaffOf(node, $"staff[{i}]", locationIds, serviceIds)).ToList();
            Unique(staffNode, "staff", staff.Select(s => s.Id).ToList());

            var closed = Child(root, "closed_days") is { } closedNode
                ? AsSequence(closedNode, "closed_days").Children.Select((n, i) => Date(n, $"closed_days[{i}]")).ToHashSet()
                : [];

            var booking = Mapping(root, "booking", "booking");
            Keys(booking, "booking", BookingKeys);
            var quiet = Text(booking, "quiet_hours", "booking.quiet_hours");
            var (quietFrom, quietTo) = Range(Child(booking, "quiet_hours")!, "booking.quiet_hours", quiet, allowOvernight: true);
            var rules = new BookingRules(
                Minutes(booking, "min_lead_minutes", "booking.min_lead_minutes", min: 0, max: 30 * 24 * 60),
                (int)Number(booking, "horizon_days", "booking.horizon_days", min: 1, max: 365),
                Minutes(booking, "slot_step_minutes", "booking.slot_step_minutes", min: 5, max: 24 * 60),
                Minutes(booking, "hold_minutes", "booking.hold_minutes", min: 1, max: 60),
                quietFrom,
                quietTo);

            for (var i = 0; i < services.Count; i++)
            {
                if (!staff.Any(s => s.ServiceIds.Contains(services[i].Id)))
                {
                    throw Error(servicesNode[i], $"services[{i}]", $"nobody on the staff provides '{services[i].Id}'.");
                }
            }

            return new BusinessProfile(profileName, timeZone, locations, services, staff, closed, rules);
        }

        private Location LocationOf(YamlNode node, string path)
        {
            var map = AsMapping(node, path);
            Keys(map, path, LocationKeys);
            return new Location(Id(map, path), Localized(map, "name", path + ".name"), Localized(map, "address", path + ".address"));
        }

        private Service ServiceOf(YamlNode node, string path, HashSet<string> locationIds)
        {
            var map = AsMapping(node, path);
            Keys(map, path, ServiceKeys);
            var price = Mapping(map, "price", path + ".price");
            Keys(price, path + ".price", PriceKeys);
            var from = Number(price, "from", path + ".price.from", min: 0, max: 1_000_000_000);
            var to = Number(price, "to", path + ".price.to", min: 0, max: 1_000_000_000);
            if (to < from)
            {
                throw Error(Child(price, "to")!, path + ".price.to", $"must not be below price.from ({from}).");
            }

            var currency = Child(price, "currency") is null ? "RUB" : Text(price, "currency", path + ".price.currency");
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            {
                throw Error(Child(price, "currency")!, path + ".price.currency", $"expected a three-letter currency code such as RUB or EUR, found '{currency}'.");
            }

            var locations = Strings(map, "locations", path + ".locations");
            var locationsNode = (YamlSequenceNode)Child(map, "locations")!;
            for (var i = 0; i < locations.Count; i++)
            {
                if (!locationIds.Contains(locations[i]))
                {
                    throw Error(locationsNode[i], $"{path}.locations[{i}]", $"unknown location '{locations[i]}'{Suggest(locations[i], locationIds)}.");
                }
            }

            return new Service(
                Id(map, path),
                Localized(map, "name", path + ".name"),
                Child(map, "synonyms") is null ? [] : Strings(map, "synonyms", path + ".synonyms", allowEmpty: true),
                Minutes(map, "duration_minutes", path + ".duration_minutes", min: 5, max: 24 * 60),
                from,
                to,
                currency,
                Child(map, "premium") is { } premium && Boolean(premium, path + ".premium"),
                locations);
        }

        private StaffMember StaffOf(YamlNode node, string path, HashSet<string> locationIds, HashSet<string> serviceIds)
        {
            var map = AsMapping(node, path);
            Keys(map, path, StaffKeys);
            var services = Strings(map, "services", path + ".services");
            var servicesNode = (YamlSequenceNode)Child(map, "services")!;
            for (var i = 0; i < services.Count; i++)
            {
                if (!serviceIds.Contains(services[i]))
                {
                    throw Error(servicesNode[i], $"{path}.services[{i}]", $"unknown service '{services[i]}'{Suggest(services[i], serviceIds)}.");
                }
            }

            var hours = new List<(WorkingHours Hours, YamlNode Node, string Path)>();
            var hoursNode = Mapping(map, "hours", path + ".hours");
            if (hoursNode.Children.Count == 0)
            {
                throw Error(hoursNode, path + ".hours", "lists no working hours; give at least one location with its days, e.g. tverskaya: { mon: \"10:00-19:00\" }.");
            }

            foreach (var (locationKey, days) in hoursNode.Children)
            {
                var location = KeyName(locationKey, path + ".hours");
                if (!locationIds.Contains(location))
                {
                    throw Error(locationKey, $"{path}.hours.{location}", $"unknown location '{location}'{Suggest(location, locationIds)}.");
                }

                var daysMap = AsMapping(days, $"{path}.hours.{location}");
                if (daysMap.Children.Count == 0)
                {
                    throw Error(daysMap, $"{path}.hours.{location}", "lists no days; give at least one, e.g. mon: \"10:00-19:00\".");
                }

                Keys(daysMap, $"{path}.hours.{location}", WeekdayKeys, "expected a weekday: mon, tue, wed, thu, fri, sat or sun");
                foreach (var (dayKey, span) in daysMap.Children)
                {
                    var dayName = ((YamlScalarNode)dayKey).Value!;
                    var spanPath = $"{path}.hours.{location}.{dayName}";
                    var text = span is YamlScalarNode { Value: { } value } ? value : throw Error(span, spanPath, "expected a time range like \"10:00-19:00\".");
                    var (from, to) = Range(span, spanPath, text, allowOvernight: false);
                    hours.Add((new WorkingHours(location, Weekday(dayName), from, to), span, spanPath));
                }
            }

            // One person cannot be in two places at once: hours at different locations must not overlap on a day.
            foreach (var (later, laterNode, laterPath) in hours)
            {
                var clash = hours.FirstOrDefault(h => h.Node != laterNode && h.Hours.Day == later.Day && h.Hours.LocationId != later.LocationId
                    && h.Hours.From < later.To && later.From < h.Hours.To && h.Node.Start.Line <= laterNode.Start.Line);
                if (clash.Node is not null)
                {
                    throw Error(laterNode, laterPath, $"overlaps {clash.Path} ({clash.Hours.From:HH\\:mm}-{clash.Hours.To:HH\\:mm}); one person cannot work at two locations at once.");
                }
            }

            var daysOff = Child(map, "days_off") is { } off
                ? AsSequence(off, path + ".days_off").Children.Select((n, i) => Date(n, $"{path}.days_off[{i}]")).ToHashSet()
                : [];
            return new StaffMember(Id(map, path), Text(map, "name", path + ".name"), services, hours.Select(h => h.Hours).ToList(), daysOff);
        }

        private string Id(YamlMappingNode map, string path)
        {
            var id = Text(map, "id", path + ".id");
            return id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? id
                : throw Error(Child(map, "id")!, path + ".id", $"'{id}' may use only latin letters, digits, '-' and '_'.");
        }

        private LocalizedText Localized(YamlMappingNode map, string key, string path)
        {
            var node = Mapping(map, key, path);
            Keys(node, path, TextKeys);
            return new LocalizedText(Text(node, "ru", path + ".ru"), Text(node, "en", path + ".en"));
        }

        private (TimeOnly From, TimeOnly To) Range(YamlNode node, string path, string text, bool allowOvernight)
        {
            var parts = text.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && TimeOnly.TryParseExact(parts[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                && TimeOnly.TryParseExact(parts[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
                && (allowOvernight || from < to))
            {
                return (from, to);
            }

            throw Error(node, path, $"expected a time range like \"10:00-19:00\"{(allowOvernight ? string.Empty : " that ends after it starts")}, found '{text}'.");
        }

        private DateOnly Date(YamlNode node, string path) =>
            node is YamlScalarNode { Value: { } text } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Error(node, path, $"expected a date like 2026-12-31, found {Found(node)}.");

        private TimeSpan Minutes(YamlMappingNode map, string key, string path, decimal min, decimal max) => TimeSpan.FromMinutes((double)Number(map, key, path, min, max));

        /// <summary>A number within [min, max]; anything else (text, a list, 1e30) is a clear error, never an exception.</summary>
        private decimal Number(YamlMappingNode map, string key, string path, decimal min, decimal max)
        {
            var node = Child(map, key) ?? throw Error(map, path, "is missing.");
            if (node is YamlScalarNode { Value: { } text }
                && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && value >= min && value <= max)
            {
                return value;
            }

            throw Error(node, path, $"expected a number from {min} to {max}, found {Found(node)}.");
        }

        private bool Boolean(YamlNode node, string path) => node switch
        {
            YamlScalarNode { Value: "true" or "yes" } => true,
            YamlScalarNode { Value: "false" or "no" } => false,
            _ => throw Error(node, path, $"expected true or false, found {Found(node)}."),
        };

        private string Text(YamlMappingNode map, string key, string path) =>
            Child(map, key) switch
            {
                YamlScalarNode { Value: { Length: > 0 } value } when !string.IsNullOrWhiteSpace(value) => value,
                null => throw Error(map, path, "is missing."),
                var other => throw Error(other, path, $"expected a non-empty text, found {Found(other)}."),
            };

        private List<string> Strings(YamlMappingNode map, string key, string path, bool allowEmpty = false)
        {
            var sequence = AsSequence(Child(map, key) ?? throw Error(map, path, "is missing."), path);
            if (!allowEmpty && sequence.Children.Count == 0)
            {
                throw Error(sequence, path, "must not be empty.");
            }

            return sequence.Children.Select((n, i) => n is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(n, $"{path}[{i}]", $"expected a non-empty text, found {Found(n)}.")).ToList();
        }

        private YamlMappingNode Mapping(YamlMappingNode map, string key, string path) =>
            AsMapping(Child(map, key) ?? throw Error(map, path, "is missing."), path);

        private YamlMappingNode AsMapping(YamlNode node, string path) =>
            node as YamlMappingNode ?? throw Error(node, path, $"expected a mapping (key: value lines), found {Found(node)}.");

        private YamlSequenceNode AsSequence(YamlNode node, string path) =>
            node as YamlSequenceNode ?? throw Error(node, path, $"expected a list, found {Found(node)}.");

        private YamlSequenceNode Sequence(YamlMappingNode map, string key, string path)
        {
            var sequence = AsSequence(Child(map, key) ?? throw Error(map, path, "is missing."), path);
            return sequence.Children.Count > 0 ? sequence : throw Error(sequence, path, "must not be empty.");
        }

        /// <summary>The second use of an id, at the line where it is used again.</summary>
        private void Unique(YamlSequenceNode items, string path, IReadOnlyList<string> ids)
        {
            for (var i = 1; i < ids.Count; i++)
            {
                var first = ids.Take(i).ToList().IndexOf(ids[i]);
                if (first >= 0)
                {
                    throw Error(Child((YamlMappingNode)items[i], "id")!, $"{path}[{i}].id", $"the id '{ids[i]}' is already used by {path}[{first}].");
                }
            }
        }

        /// <summary>Every key of <paramref name="map"/> must be one of <paramref name="allowed"/>: a misspelt key must not pass silently.</summary>
        private void Keys(YamlMappingNode map, string? path, string[] allowed, string? expectation = null)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = KeyName(key, path ?? "the profile");
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    var field = path is null ? name : $"{path}.{name}";
                    throw Error(key, field, expectation is not null
                        ? $"{expectation}{Suggest(name, allowed)}."
                        : $"unknown key '{name}'{Suggest(name, allowed)}; allowed here: {string.Join(", ", allowed)}.");
                }
            }
        }

        private string KeyName(YamlNode key, string path) =>
            key is YamlScalarNode { Value: { } name } ? name : throw Error(key, path, $"expected a name before ':', found {Found(key)}.");

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static DayOfWeek Weekday(string name) => name switch
        {
            "mon" => DayOfWeek.Monday,
            "tue" => DayOfWeek.Tuesday,
            "wed" => DayOfWeek.Wednesday,
            "thu" => DayOfWeek.Thursday,
            "fri" => DayOfWeek.Friday,
            "sat" => DayOfWeek.Saturday,
            _ => DayOfWeek.Sunday,
        };

        /// <summary>How a value that was not what the field needs looked, for the error.</summary>
        private static string Found(YamlNode node) => node switch
        {
            YamlScalarNode { Value: null or "" } => "nothing",
            YamlScalarNode { Value: { } value } => $"'{(value.Length > 40 ? value[..40] + "…" : value)}'",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "something else",
        };

        /// <summary>", did you mean `days_off`?" when a known name is a typo away.</summary>
        private static string Suggest(string name, IEnumerable<string> known)
        {
            var best = known.Select(k => (Known: k, Distance: Distance(name.ToLowerInvariant(), k))).OrderBy(p => p.Distance).FirstOrDefault();
            return best.Known is not null && best.Distance <= Math.Max(2, best.Known.Length / 3) ? $" (did you mean `{best.Known}`?)" : string.Empty;
        }

        /// <summary>Optimal string alignment distance: edits, with a swap of two neighbours counting as one.</summary>
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }

        private BusinessProfileException Error(YamlNode node, string path, string problem) =>
            new($"{file}:{node.Start.Line}: {path}: {problem}");
    }
}
