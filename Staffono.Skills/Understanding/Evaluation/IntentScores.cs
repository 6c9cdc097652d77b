namespace Staffono.Skills.Understanding.Evaluation;

/// <summary>Precision, recall and F1 of one intent over an evaluation set.</summary>
public sealed record IntentScores(string Intent, double Precision, double Recall, double F1, int Support);
