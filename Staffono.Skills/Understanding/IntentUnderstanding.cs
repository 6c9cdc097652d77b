namespace Staffono.Skills.Understanding;

/// <summary>
/// The policy that combines the offline classifier and (when configured) the LLM: offline only;
/// hybrid, which asks the LLM only when the offline answer is unsure (low confidence, or the top two
/// too close); or LLM first with the offline result as the fallback. What is still unsure is said so.
/// </summary>
public sealed class IntentUnderstanding(OfflineIntentClassifier offline, LlmIntentClassifier? llm, UnderstandingOptions options)
{
    public async Task<UnderstandingResult> UnderstandAsync(string? text, CancellationToken cancellationToken = default)
    {
        var message = text ?? string.Empty;
        var local = offline.Predict(message);
        if (llm is null || options.Mode == "offline")
        {
            return Judge(local);
        }

        if (options.Mode == "hybrid" && !IsUnsure(local))
        {
            return Judge(local);
        }

        var remote = await llm.ClassifyAsync(message, cancellationToken);
        return Judge(remote ?? local);
    }

    /// <summary>
    /// The offline classifier's reading alone: for cheap checks on every message in the middle of a
    /// conversation (is this a new request?), which must not cost a model call per answer.
    /// </summary>
    public UnderstandingResult UnderstandOffline(string? text) => Judge(offline.Predict(text ?? string.Empty));

    private UnderstandingResult Judge(IntentPrediction prediction)
    {
        var unsure = IsUnsure(prediction);
        IReadOnlyList<string> alternatives = unsure ? prediction.Ranking.Take(2).Select(r => r.Intent).ToList() : [prediction.Intent];
        return new UnderstandingResult(prediction, unsure, alternatives);
    }

    private bool IsUnsure(IntentPrediction prediction) =>
        prediction.Confidence < options.MinConfidence
        || (prediction.RunnerUp is { } second && prediction.Confidence - second.Probability < options.MinMargin);
}
