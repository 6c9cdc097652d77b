namespace Staffono.Skills.Understanding;

/// <summary>
/// What a message most likely asks for. <see cref="Confidence"/> is the model's probability of the
/// top intent; <see cref="Ranking"/> lists every intent from most to least likely.
/// </summary>
public sealed record IntentPrediction(string Intent, double Confidence, IReadOnlyList<IntentScore> Ranking)
{
    /// <summary>The second most likely intent, for a clarifying question.</summary>
    public IntentScore? RunnerUp => Ranking.Count > 1 ? Ranking[1] : null;

    /// <summary>Where the result came from: "offline" or "llm".</summary>
    public string Source { get; init; } = "offline";

    /// <summary>Entities the LLM reported (type and value); the offline path leaves this empty and uses the recognizers.</summary>
    public IReadOnlyList<ExtractedEntity> Entities { get; init; } = [];
}
