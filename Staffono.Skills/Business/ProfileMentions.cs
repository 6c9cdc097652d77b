using Staffono.Skills.Understanding;

namespace Staffono.Skills.Business;

/// <summary>
/// Which of the business's services and locations a message names — by name in either language, a
/// synonym, or the first five letters of a long word, so inflected Russian («стрижку», «Тверской»)
/// and typos at the end of a word still match.
/// </summary>
public static class ProfileMentions
{
    public static Service? ServiceIn(BusinessProfile profile, string? text)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var normalized = " " + TextNormalizer.Normalize(text) + " ";
        return profile.Services.FirstOrDefault(s => new[] { s.Name.Ru, s.Name.En }.Concat(s.Synonyms)
            .Select(TextNormalizer.Normalize)
            .Any(name => normalized.Contains(" " + name + " ", StringComparison.Ordinal)
                || (name.Length >= 5 && normalized.Contains(" " + name[..5], StringComparison.Ordinal))));
    }

    public static Location? LocationIn(BusinessProfile profile, string? text)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var normalized = TextNormalizer.Normalize(text);
        return profile.Locations.FirstOrDefault(l => (l.Id.Length >= 4 && normalized.Contains(l.Id[..4], StringComparison.Ordinal))
            || TextNormalizer.Words(l.Name.Ru).Concat(TextNormalizer.Words(l.Name.En)).Where(w => w.Length >= 5).Any(w => normalized.Contains(w[..5], StringComparison.Ordinal)));
    }
}
