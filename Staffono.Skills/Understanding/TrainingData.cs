namespace Staffono.Skills.Understanding;

/// <summary>The project's own bilingual training data (Data/intents-ru.tsv, Data/intents-en.tsv), embedded in this assembly.</summary>
public static class TrainingData
{
    private static readonly Lazy<IReadOnlyList<LabeledUtterance>> All = new(Load);

    public static IReadOnlyList<LabeledUtterance> Utterances => All.Value;

    private static IReadOnlyList<LabeledUtterance> Load()
    {
        var assembly = typeof(TrainingData).Assembly;
        var result = new List<LabeledUtterance>();
        foreach (var language in new[] { "ru", "en" })
        {
            var name = $"Staffono.Skills.Understanding.Data.intents-{language}.tsv";
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded training data '{name}' is missing.");
            using var reader = new StreamReader(stream);
            result.AddRange(IntentDataFile.Read(reader, name));
        }

        return result;
    }
}
