namespace Staffono.Skills.Business;

/// <summary>A text in both languages as a hand-edited file holds it (<c>{ ru: ..., en: ... }</c>).</summary>
internal interface ILocalizedFile
{
    string? Ru { get; }

    string? En { get; }
}

/// <summary>
/// The checks the owner's files share (the shop file, the leads file): each value read strictly, and each problem one
/// <see cref="BusinessProfileException"/> naming the file and the field path (<c>demo-leads.yaml: scoring.tier_a: …</c>).
/// </summary>
internal abstract class StrictFields(string file)
{
    public string Required(string? value, string path) => string.IsNullOrWhiteSpace(value) ? throw Error(path, "is missing.") : value;

    protected string Id(string? value, string path)
    {
        var id = Required(value, path);
        return id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : throw Error(path, $"'{id}' may use only latin letters, digits, '-' and '_'.");
    }

    /// <summary>A three-letter currency code such as RUB.</summary>
    protected string Currency(string? value, string path)
    {
        var currency = Required(value, path);
        return currency.Length == 3 && currency.All(char.IsAsciiLetterUpper) ? currency : throw Error(path, $"expected a three-letter code such as RUB, found '{currency}'.");
    }

    protected LocalizedText Text(ILocalizedFile? text, string path) =>
        text is { Ru: { Length: > 0 } ru, En: { Length: > 0 } en } ? new LocalizedText(ru.Trim(), en.Trim()) : throw Error(path, "needs a text in ru and in en.");

    protected int Range(int? value, int min, int max, string path) =>
        value is { } v && v >= min && v <= max ? v : throw Error(path, $"expected a number from {min} to {max}, found {value}.");

    /// <summary>A snake_case value of <typeparamref name="T"/> ("deep_clean" for DeepClean).</summary>
    protected T Enum<T>(string? value, string path)
        where T : struct, System.Enum
    {
        var pascal = string.Concat((value ?? string.Empty).Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        return System.Enum.TryParse<T>(pascal, ignoreCase: false, out var parsed) && System.Enum.IsDefined(parsed) && !pascal.Any(char.IsDigit)
            ? parsed
            : throw Error(path, $"unknown value '{value}'; expected one of {string.Join(", ", System.Enum.GetNames<T>().Select(Shop.ShopNames.Snake))}.");
    }

    /// <summary>Each id once in a list: the second use names the first.</summary>
    protected void Unique(IReadOnlyList<string> ids, string path, string key)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            var first = ids.Take(i).ToList().IndexOf(ids[i]);
            if (first >= 0)
            {
                throw Error($"{path}[{i}].{key}", $"'{ids[i]}' is already used by {path}[{first}].");
            }
        }
    }

    protected BusinessProfileException Error(string path, string problem) => new($"{file}: {path}: {problem}");
}
