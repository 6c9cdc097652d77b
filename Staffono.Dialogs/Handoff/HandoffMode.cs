namespace Staffono.Dialogs.Handoff;

/// <summary>Where handoffs go.</summary>
public enum HandoffMode
{
    /// <summary>To this business's operators: the console at /operator, and a Teams channel when one is set up.</summary>
    Operators,

    /// <summary>To an agent hub (Dynamics 365 Omnichannel and others) by the Bot Framework handoff protocol.</summary>
    Protocol,
}
