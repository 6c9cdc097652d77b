namespace Staffono.Dialogs.Engine;

/// <summary>Why a dialog is being ended or resumed.</summary>
public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,
}
