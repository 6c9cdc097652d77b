namespace Staffono.Skills.Understanding;

/// <summary>
/// The offline intent classifier: multinomial logistic regression over <see cref="IntentFeatures"/>,
/// trained with AdaGrad on the project's own bilingual data. Deterministic (fixed seed, fixed order),
/// trained in well under a second, and its probabilities are what the policy compares to thresholds.
/// </summary>
public sealed class OfflineIntentClassifier
{
    private readonly Dictionary<ulong, int> _featureIds;
    private readonly float[][] _weights;
    private readonly float[] _bias;
    private readonly string[] _labels;

    private OfflineIntentClassifier(Dictionary<ulong, int> featureIds, float[][] weights, float[] bias, string[] labels)
    {
        _featureIds = featureIds;
        _weights = weights;
        _bias = bias;
        _labels = labels;
    }

    private static readonly Lazy<OfflineIntentClassifier> Shipped = new(() => Train(TrainingData.Utterances));

    /// <summary>
    /// The classifier trained on the embedded training data. The data never changes within a process,
    /// so it is trained once, however many hosts the process starts (tests start many).
    /// </summary>
    public static OfflineIntentClassifier Default => Shipped.Value;

    public int FeatureCount => _featureIds.Count;

    /// <summary>Training settings; the defaults are what the shipped classifier uses.</summary>
    public sealed record Options(int Epochs = 30, double LearningRate = 0.3, double L2 = 1e-5, int Seed = 17);

    public static OfflineIntentClassifier Train(IReadOnlyList<LabeledUtterance> data, Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new Options();
        var labels = Intents.All.ToArray();
        var labelIds = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);

        var featureIds = new Dictionary<ulong, int>();
        var examples = new (int[] Features, int Label)[data.Count];
        for (var e = 0; e < data.Count; e++)
        {
            var hashes = IntentFeatures.Extract(data[e].Text);
            var ids = new int[hashes.Length];
            for (var f = 0; f < hashes.Length; f++)
            {
                if (!featureIds.TryGetValue(hashes[f], out var id))
                {
                    id = featureIds.Count;
                    featureIds[hashes[f]] = id;
                }

                ids[f] = id;
            }

            examples[e] = (ids, labelIds[data[e].Intent]);
        }

        var classes = labels.Length;
        var weights = Enumerable.Range(0, classes).Select(_ => new float[featureIds.Count]).ToArray();
        var squares = Enumerable.Range(0, classes).Select(_ => new float[featureIds.Count]).ToArray();
        var bias = new float[classes];
        var biasSquares = new float[classes];
        var order = Enumerable.Range(0, examples.Length).ToArray();
        var random = new Random(options.Seed);
        var probabilities = new double[classes];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var (features, label) = examples[index];
                var value = 1.0 / Math.Sqrt(Math.Max(1, features.Length));
                Scores(features, value, weights, bias, probabilities);
                Softmax(probabilities);
                for (var k = 0; k < classes; k++)
                {
                    var gradient = probabilities[k] - (k == label ? 1.0 : 0.0);
                    if (Math.Abs(gradient) < 1e-6)
                    {
                        continue;
                    }

                    var w = weights[k];
                    var g2 = squares[k];
                    foreach (var f in features)
                    {
                        var g = gradient * value + options.L2 * w[f];
                        g2[f] += (float)(g * g);
                        w[f] -= (float)(options.LearningRate * g / Math.Sqrt(g2[f] + 1e-8));
                    }

                    biasSquares[k] += (float)(gradient * gradient);
                    bias[k] -= (float)(options.LearningRate * gradient / Math.Sqrt(biasSquares[k] + 1e-8));
                }
            }
        }

        return new OfflineIntentClassifier(featureIds, weights, bias, labels);
    }

    public IntentPrediction Predict(string? text)
    {
        var hashes = IntentFeatures.Extract(text);
        Span<int> ids = hashes.Length <= 512 ? stackalloc int[hashes.Length] : new int[hashes.Length];
        var known = 0;
        foreach (var hash in hashes)
        {
            if (_featureIds.TryGetValue(hash, out var id))
            {
                ids[known++] = id;
            }
        }

        var probabilities = new double[_labels.Length];
        // Unknown features still count in the length: a message of mostly unseen words stays unsure.
        Scores(ids[..known], 1.0 / Math.Sqrt(Math.Max(1, hashes.Length)), _weights, _bias, probabilities);
        Softmax(probabilities);
        var ranking = new IntentScore[_labels.Length];
        for (var k = 0; k < ranking.Length; k++)
        {
            ranking[k] = new IntentScore(_labels[k], probabilities[k]);
        }

        Array.Sort(ranking, (a, b) => b.Probability.CompareTo(a.Probability));
        return new IntentPrediction(ranking[0].Intent, ranking[0].Probability, ranking);
    }

    private static void Scores(ReadOnlySpan<int> features, double value, float[][] weights, float[] bias, double[] scores)
    {
        for (var k = 0; k < scores.Length; k++)
        {
            var w = weights[k];
            double sum = 0;
            foreach (var f in features)
            {
                sum += w[f];
            }

            scores[k] = bias[k] + sum * value;
        }
    }

    private static void Softmax(double[] scores)
    {
        var max = scores.Max();
        double total = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Math.Exp(scores[k] - max);
            total += scores[k];
        }

        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] /= total;
        }
    }
}
