namespace Staffono.Dialogs.Engine;

/// <summary>Where the dialog stack stands after a call.</summary>
public enum DialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>A dialog asked something and waits for the user's next message.</summary>
    Waiting,

    /// <summary>The dialog finished with a result.</summary>
    Complete,

    /// <summary>The dialog was cancelled.</summary>
    Cancelled,
}
