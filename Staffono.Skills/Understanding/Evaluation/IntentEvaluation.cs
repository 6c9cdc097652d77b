using System.Diagnostics;

namespace Staffono.Skills.Understanding.Evaluation;

/// <summary>How well a classifier labels a set of messages: the figures the eval command prints.</summary>
public sealed record IntentEvaluation(
    int Count,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<IntentScores> PerIntent,
    IReadOnlyDictionary<string, double> AccuracyByLanguage,
    IReadOnlyList<(string Expected, string Predicted, int Count)> Confusions,
    double P50Microseconds,
    double P99Microseconds)
{
    /// <summary>
    /// Accuracy by how confident the classifier was (low, middle, high), to show that its confidence
    /// means something: the policy trusts high answers and asks about low ones. Empty when unknown.
    /// </summary>
    public IReadOnlyList<ConfidenceBand> Bands { get; init; } = [];

    /// <summary>Like <see cref="Run(IReadOnlyList{LabeledUtterance}, Func{string, string})"/>, keeping each answer's confidence for <see cref="Bands"/>.</summary>
    public static IntentEvaluation Run(IReadOnlyList<LabeledUtterance> data, Func<string, IntentPrediction> classify)
    {
        ArgumentNullException.ThrowIfNull(classify);
        var confidences = new double[data.Count];
        var index = 0;
        var evaluation = Run(data, text =>
        {
            var prediction = classify(text);
            confidences[index++] = prediction.Confidence;
            return prediction.Intent;
        });
        return evaluation with { Bands = BandsOf(data, confidences, evaluation) };
    }

    /// <summary>Classifies every message, timing each call, and scores the answers.</summary>
    public static IntentEvaluation Run(IReadOnlyList<LabeledUtterance> data, Func<string, string> classify)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(classify);
        var predicted = new string[data.Count];
        var latencies = new double[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            predicted[i] = classify(data[i].Text);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        return Score(data, predicted, latencies);
    }

    private static IReadOnlyList<ConfidenceBand> BandsOf(IReadOnlyList<LabeledUtterance> data, double[] confidences, IntentEvaluation evaluation)
    {
        (double Low, double High)[] edges = [(0, 0.55), (0.55, 0.8), (0.8, 1.0000001)];
        var correct = evaluation.Correct;
        return edges.Select(e =>
        {
            var members = Enumerable.Range(0, data.Count).Where(i => confidences[i] >= e.Low && confidences[i] < e.High).ToList();
            return new ConfidenceBand(e.Low, Math.Min(e.High, 1), members.Count, members.Count == 0 ? 0 : (double)members.Count(i => correct[i]) / members.Count);
        }).ToList();
    }

    /// <summary>Whether each message was labelled right, in data order.</summary>
    internal IReadOnlyList<bool> Correct { get; init; } = [];

    /// <summary>Scores given answers (cross-validation collects them fold by fold).</summary>
    public static IntentEvaluation Score(IReadOnlyList<LabeledUtterance> data, IReadOnlyList<string> predicted, IReadOnlyList<double> latencies)
    {
        var correct = data.Where((d, i) => d.Intent == predicted[i]).Count();
        var perIntent = new List<IntentScores>();
        foreach (var intent in Intents.All)
        {
            var truePositives = data.Where((d, i) => d.Intent == intent && predicted[i] == intent).Count();
            var predictedCount = predicted.Count(p => p == intent);
            var support = data.Count(d => d.Intent == intent);
            if (support == 0 && predictedCount == 0)
            {
                continue;
            }

            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perIntent.Add(new IntentScores(intent, precision, recall, f1, support));
        }

        var byLanguage = data.Select((d, i) => (d.Language, Correct: d.Intent == predicted[i]))
            .GroupBy(x => x.Language)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Count(x => x.Correct) / g.Count(), StringComparer.Ordinal);
        var confusions = data.Select((d, i) => (d.Intent, Predicted: predicted[i]))
            .Where(p => p.Intent != p.Predicted)
            .GroupBy(p => p)
            .Select(g => (g.Key.Intent, g.Key.Predicted, g.Count()))
            .OrderByDescending(c => c.Item3).ThenBy(c => c.Intent, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .ToList();
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new IntentEvaluation(
            data.Count,
            data.Count == 0 ? 0 : (double)correct / data.Count,
            perIntent.Count == 0 ? 0 : perIntent.Average(s => s.F1),
            perIntent,
            byLanguage,
            confusions,
            Percentile(0.50),
            Percentile(0.99))
        {
            Correct = data.Select((d, i) => d.Intent == predicted[i]).ToList(),
        };
    }
}
