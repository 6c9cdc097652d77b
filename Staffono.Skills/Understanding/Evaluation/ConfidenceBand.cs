namespace Staffono.Skills.Understanding.Evaluation;

/// <summary>The messages whose top confidence fell in [Low, High), and how many of them were labelled right.</summary>
public sealed record ConfidenceBand(double Low, double High, int Count, double Accuracy);
