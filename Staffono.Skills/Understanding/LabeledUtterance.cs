namespace Staffono.Skills.Understanding;

/// <summary>One line of training or evaluation data: what was written, what it means, in which language.</summary>
public sealed record LabeledUtterance(string Text, string Intent, string Language);
