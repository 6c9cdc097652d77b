using Staffono.Skills.Understanding;

namespace Staffono.Skills.Business;

/// <summary>
/// Which of the business's services, locations and staff a message names — by name in either language,
/// a synonym, or the first five letters of a long word, so inflected Russian («стрижку», «Тверской»)
/// and typos at the end of a word still match. Russian typed in Latin letters ("strizhka") is read
/// in Cyrillic as well.
/// </summary>
public static class ProfileMentions
{
    /// <summary>Words that put a staff member's name as the one wanted («к Ирине», «у Ольги», "with Irina").</summary>
    private static readonly HashSet<string> ToStaff = new(StringComparer.Ordinal)
    {
        "к", "ко", "у", "с", "со", "мастер", "мастеру", "мастера", "мастером", "with", "to", "by", "master", "stylist",
    };

    public static Service? ServiceIn(BusinessProfile profile, string? text)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var normalized = " " + WithCyrillicReading(text) + " ";
        return profile.Services.FirstOrDefault(s => new[] { s.Name.Ru, s.Name.En }.Concat(s.Synonyms)
            .Select(TextNormalizer.Normalize)
            .Any(name => normalized.Contains(" " + name + " ", StringComparison.Ordinal)
                || (name.Length >= 5 && normalized.Contains(" " + name[..5], StringComparison.Ordinal))));
    }

    public static Location? LocationIn(BusinessProfile profile, string? text)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var normalized = WithCyrillicReading(text);
        // Words every location's name shares («Бьюти», "Beauty") name none of them.
        var shared = profile.Locations.Count < 2
            ? []
            : profile.Locations.Select(NameWords).Aggregate((common, next) => common.Intersect(next, StringComparer.Ordinal).ToList());
        return profile.Locations.FirstOrDefault(l => (l.Id.Length >= 4 && normalized.Contains(l.Id[..4], StringComparison.Ordinal))
            || NameWords(l).Except(shared, StringComparer.Ordinal).Where(w => w.Length >= 5).Any(w => normalized.Contains(w[..5], StringComparison.Ordinal)));
    }

    private static List<string> NameWords(Location location) =>
        TextNormalizer.Words(location.Name.Ru).Concat(TextNormalizer.Words(location.Name.En)).ToList();

    /// <summary>
    /// The staff member the customer asks for: a name in any case form («к Ирине», «у Ольги», "with Olga")
    /// after a word that makes it the wanted one, so the customer's own name («я Ирина») is not taken for it.
    /// </summary>
    public static StaffMember? StaffIn(BusinessProfile profile, string? text)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var words = TextNormalizer.Words(text);
        for (var i = 1; i < words.Length; i++)
        {
            if (!ToStaff.Contains(words[i - 1]))
            {
                continue;
            }

            var word = Stem(Transliterator.ToCyrillic(words[i]) ?? words[i]);
            var named = profile.Staff.FirstOrDefault(s => Stem(TextNormalizer.Normalize(s.Name)) is { Length: >= 3 } stem && word.StartsWith(stem, StringComparison.Ordinal));
            if (named is not null)
            {
                return named;
            }
        }

        return null;
    }

    /// <summary>A name without its soft signs and last letter, the part every case form shares (Ольга, Ольге, Olga → олг).</summary>
    private static string Stem(string name)
    {
        var plain = name.Replace("ь", string.Empty, StringComparison.Ordinal);
        return plain.Length > 3 ? plain[..^1] : plain;
    }

    /// <summary>The normalized text, followed by its Latin words read in Cyrillic.</summary>
    private static string WithCyrillicReading(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var cyrillic = TextNormalizer.Words(text).Select(Transliterator.ToCyrillic).Where(w => w is { Length: > 2 }).ToList();
        return cyrillic.Count == 0 ? normalized : normalized + " " + string.Join(' ', cyrillic);
    }
}
