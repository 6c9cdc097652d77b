namespace Staffono.Dialogs.Engine;

/// <summary>The conversation's dialog stack, top first; saved in conversation state.</summary>
public sealed class DialogState
{
    public List<DialogInstance> DialogStack { get; set; } = [];
}
