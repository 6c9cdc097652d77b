namespace Staffono.Skills.Understanding;

/// <summary>A message that steps outside whatever is being asked.</summary>
public enum Interruption
{
    None,
    Help,
    Cancel,
    StartOver,
}
