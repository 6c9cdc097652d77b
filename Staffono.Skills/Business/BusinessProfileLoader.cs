using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Staffono.Skills.Business;

/// <summary>
/// Reads the business profile YAML and checks it thoroughly, because an owner edits it by hand: every
/// problem is reported with the line and the field ("profile.yaml:23: services[2].duration: ...").
/// </summary>
public static class BusinessProfileLoader
{
    public static BusinessProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BusinessProfileException($"{path}: the business profile file does not exist.");
        }

        using var reader = new StreamReader(path);
        return Load(reader, path);
    }

    public static BusinessProfile Load(TextReader reader, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new BusinessProfileException($"{name}:{ex.Start.Line}: not valid YAML: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // The YAML library gives up on some malformed input without a position.
            throw new BusinessProfileException($"{name}:1: not valid YAML ({ex.Message}); check brackets and quotes.");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new BusinessProfileException($"{name}:1: expected a mapping with business, locations, services, staff and booking.");
        }

        return new Reader(name).Profile(root);
    }

    private sealed class Reader(string file)
    {
        public BusinessProfile Profile(YamlMappingNode root)
        {
            var business = Mapping(root, "business", "business");
            var profileName = Text(business, "name", "business.name");
            var timeZoneId = Text(business, "time_zone", "business.time_zone");
            TimeZoneInfo timeZone;
            try
            {
                timeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            }
            catch (TimeZoneNotFoundException)
            {
                throw Error(Child(business, "time_zone")!, "business.time_zone", $"unknown time zone '{timeZoneId}' (use an IANA id such as Europe/Moscow).");
            }

            var locations = Sequence(root, "locations", "locations").Select((node, i) => LocationOf(node, $"locations[{i}]")).ToList();
            Unique(root, "locations", locations.Select(l => l.Id));
            var locationIds = locations.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);

            var servicesNode = Sequence(root, "services", "services");
            var services = servicesNode.Select((node, i) => ServiceOf(node, $"services[{i}]", locationIds)).ToList();
            Unique(root, "services", services.Select(s => s.Id));
            var serviceIds = services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

            var staff = Sequence(root, "staff", "staff").Select((node, i) => StaffOf(node, $"staff[{i}]", locationIds, serviceIds)).ToList();
            Unique(root, "staff", staff.Select(s => s.Id));

            var closed = Child(root, "closed_days") is YamlSequenceNode closedNode
                ? closedNode.Children.Select((n, i) => Date(n, $"closed_days[{i}]")).ToHashSet()
                : [];

            var booking = Mapping(root, "booking", "booking");
            var quiet = Text(booking, "quiet_hours", "booking.quiet_hours");
            var (quietFrom, quietTo) = Range(Child(booking, "quiet_hours")!, "booking.quiet_hours", quiet, allowOvernight: true);
            var rules = new BookingRules(
                Minutes(booking, "min_lead_minutes", "booking.min_lead_minutes", min: 0),
                (int)Number(booking, "horizon_days", "booking.horizon_days", min: 1, max: 365),
                Minutes(booking, "slot_step_minutes", "booking.slot_step_minutes", min: 5),
                Minutes(booking, "hold_minutes", "booking.hold_minutes", min: 1),
                quietFrom,
                quietTo);

            foreach (var service in services)
            {
                if (!staff.Any(s => s.ServiceIds.Contains(service.Id)))
                {
                    var index = services.IndexOf(service);
                    throw Error(servicesNode[index], $"services[{index}]", $"nobody on the staff provides '{service.Id}'.");
                }
            }

            return new BusinessProfile(profileName, timeZone, locations, services, staff, closed, rules);
        }

        private Location LocationOf(YamlNode node, string path)
        {
            var map = AsMapping(node, path);
            return new Location(Id(map, path), Localized(map, "name", path + ".name"), Localized(map, "address", path + ".address"));
        }

        private Service ServiceOf(YamlNode node, string path, HashSet<string> locationIds)
        {
            var map = AsMapping(node, path);
            var price = Mapping(map, "price", path + ".price");
            var from = Number(price, "from", path + ".price.from", min: 0);
            var to = Number(price, "to", path + ".price.to", min: 0);
            if (to < from)
            {
                throw Error(Child(price, "to")!, path + ".price.to", $"must not be below price.from ({from}).");
            }

            var locations = Strings(map, "locations", path + ".locations");
            foreach (var (location, i) in locations.Select((l, i) => (l, i)))
            {
                if (!locationIds.Contains(location))
                {
                    throw Error(((YamlSequenceNode)Child(map, "locations")!)[i], $"{path}.locations[{i}]", $"unknown location '{location}'.");
                }
            }

            return new Service(
                Id(map, path),
                Localized(map, "name", path + ".name"),
                Child(map, "synonyms") is null ? [] : Strings(map, "synonyms", path + ".synonyms"),
                Minutes(map, "duration_minutes", path + ".duration_minutes", min: 5),
                from,
                to,
                Child(price, "currency") is null ? "RUB" : Text(price, "currency", path + ".price.currency"),
                Child(map, "premium") is YamlScalarNode premium && bool.TryParse(premium.Value, out var isPremium) && isPremium,
                locations);
        }

        private StaffMember StaffOf(YamlNode node, string path, HashSet<string> locationIds, HashSet<string> serviceIds)
        {
            var map = AsMapping(node, path);
            var services = Strings(map, "services", path + ".services");
            foreach (var (service, i) in services.Select((s, i) => (s, i)))
            {
                if (!serviceIds.Contains(service))
                {
                    throw Error(((YamlSequenceNode)Child(map, "services")!)[i], $"{path}.services[{i}]", $"unknown service '{service}'.");
                }
            }

            var hours = new List<WorkingHours>();
            var hoursNode = Mapping(map, "hours", path + ".hours");
            foreach (var (locationKey, days) in hoursNode.Children)
            {
                var location = ((YamlScalarNode)locationKey).Value ?? string.Empty;
                if (!locationIds.Contains(location))
                {
                    throw Error(locationKey, $"{path}.hours.{location}", $"unknown location '{location}'.");
                }

                foreach (var (dayKey, span) in AsMapping(days, $"{path}.hours.{location}").Children)
                {
                    var dayName = ((YamlScalarNode)dayKey).Value ?? string.Empty;
                    var day = Weekday(dayName) ?? throw Error(dayKey, $"{path}.hours.{location}.{dayName}", "expected a weekday: mon, tue, wed, thu, fri, sat or sun.");
                    var (from, to) = Range(span, $"{path}.hours.{location}.{dayName}", (span as YamlScalarNode)?.Value ?? string.Empty, allowOvernight: false);
                    hours.Add(new WorkingHours(location, day, from, to));
                }
            }

            var daysOff = Child(map, "days_off") is YamlSequenceNode off ? off.Children.Select((n, i) => Date(n, $"{path}.days_off[{i}]")).ToHashSet() : [];
            return new StaffMember(Id(map, path), Text(map, "name", path + ".name"), services, hours, daysOff);
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
                : throw Error(node, path, "expected a date like 2026-12-31.");

        private TimeSpan Minutes(YamlMappingNode map, string key, string path, double min) => TimeSpan.FromMinutes((double)Number(map, key, path, min));

        private decimal Number(YamlMappingNode map, string key, string path, double min, double max = double.MaxValue)
        {
            var node = Child(map, key) ?? throw Error(map, path, "is missing.");
            if (node is YamlScalarNode { Value: { } text } && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && (double)value >= min && (double)value <= max)
            {
                return value;
            }

            throw Error(node, path, max == double.MaxValue ? $"expected a number of at least {min}." : $"expected a number from {min} to {max}.");
        }

        private string Text(YamlMappingNode map, string key, string path) =>
            Child(map, key) switch
            {
                YamlScalarNode { Value: { Length: > 0 } value } => value,
                null => throw Error(map, path, "is missing."),
                var other => throw Error(other, path, "expected a non-empty text."),
            };

        private List<string> Strings(YamlMappingNode map, string key, string path)
        {
            var sequence = Child(map, key) as YamlSequenceNode ?? throw Error(Child(map, key) ?? map, path, "expected a list.");
            return sequence.Children.Select((n, i) => n is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(n, $"{path}[{i}]", "expected a non-empty text.")).ToList();
        }

        private YamlMappingNode Mapping(YamlMappingNode map, string key, string path) =>
            AsMapping(Child(map, key) ?? throw Error(map, path, "is missing."), path);

        private YamlMappingNode AsMapping(YamlNode node, string path) =>
            node as YamlMappingNode ?? throw Error(node, path, "expected a mapping (key: value lines).");

        private YamlSequenceNode Sequence(YamlMappingNode map, string key, string path)
        {
            var sequence = Child(map, key) as YamlSequenceNode ?? throw Error(Child(map, key) ?? map, path, "expected a list.");
            return sequence.Children.Count > 0 ? sequence : throw Error(sequence, path, "must not be empty.");
        }

        private void Unique(YamlMappingNode root, string key, IEnumerable<string> ids)
        {
            var duplicate = ids.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw Error(Child(root, key)!, key, $"the id '{duplicate.Key}' is used twice.");
            }
        }

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static DayOfWeek? Weekday(string name) => name.ToLowerInvariant() switch
        {
            "mon" => DayOfWeek.Monday,
            "tue" => DayOfWeek.Tuesday,
            "wed" => DayOfWeek.Wednesday,
            "thu" => DayOfWeek.Thursday,
            "fri" => DayOfWeek.Friday,
            "sat" => DayOfWeek.Saturday,
            "sun" => DayOfWeek.Sunday,
            _ => null,
        };

        private BusinessProfileException Error(YamlNode node, string path, string problem) =>
            new($"{file}:{node.Start.Line}: {path}: {problem}");
    }
}
