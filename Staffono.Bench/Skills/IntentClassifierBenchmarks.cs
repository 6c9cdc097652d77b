using BenchmarkDotNet.Attributes;
using Staffono.Skills.Understanding;

namespace Staffono.Bench.Skills;

/// <summary>Offline intent classification of typical customer messages (target: p50 ≤ 100 µs).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class IntentClassifierBenchmarks
{
    private OfflineIntentClassifier _classifier = null!;

    [Params(
        "Можно завтра в 11 на стрижку?",
        "where is my order #A-10234, it was supposed to arrive yesterday",
        "zapishite menya na zavtra posle 18")]
    public string Message { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup() => _classifier = OfflineIntentClassifier.Train(TrainingData.Utterances);

    [Benchmark]
    public string Classify() => _classifier.Predict(Message).Intent;
}
