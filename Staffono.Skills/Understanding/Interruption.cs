namespace Staffono.Skills.Understanding;

/// <summary>A message that steps outside whatever is being asked.</summary>
public enum Interruption
{
    None,
    Help,
    Cancel,
    StartOver,

    /// <summary>«позовите оператора», "talk to a human": the customer wants a person, whatever is being asked.</summary>
    Human,
}
