namespace Staffono.Skills.Understanding;

/// <summary>An intent and its probability.</summary>
public sealed record IntentScore(string Intent, double Probability);
