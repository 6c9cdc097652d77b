namespace Staffono.Skills.Understanding;

/// <summary>
/// What a message is understood to ask for. When <see cref="IsUnsure"/>, the dialog asks one
/// clarifying question offering <see cref="Alternatives"/> (the top two intents).
/// </summary>
public sealed record UnderstandingResult(IntentPrediction Prediction, bool IsUnsure, IReadOnlyList<string> Alternatives)
{
    public string Intent => Prediction.Intent;
}
