namespace Staffono.Skills.Handoff;

/// <summary>How soon a person should take a ticket; urgent ones are listed first and get a shorter claim window.</summary>
public enum HandoffPriority
{
    Normal,
    High,
    Urgent,
}
