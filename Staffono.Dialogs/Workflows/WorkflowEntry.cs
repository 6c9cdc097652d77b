using Staffono.Dialogs.Engine;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// One way into a workflow: an intent the classifier recognises, or a button (by its text key, matched
/// in every language) the workflow put under one of its own messages.
/// </summary>
public sealed record WorkflowEntry
{
    private WorkflowEntry(string? intent, string? buttonTextKey, Func<DialogContext, CancellationToken, Task> startAsync, string? dialogId = null)
    {
        Intent = intent;
        DialogId = dialogId;
        ButtonTextKey = buttonTextKey;
        StartAsync = startAsync;
    }

    /// <summary>The intent that starts it (Intents.*), or null for a button entry.</summary>
    public string? Intent { get; }

    /// <summary>The dialog an intent entry begins; null for a button entry.</summary>
    public string? DialogId { get; }

    /// <summary>The text key of the button that starts it, or null for an intent entry.</summary>
    public string? ButtonTextKey { get; }

    /// <summary>Begins the workflow (or answers the button) on the main dialog's inner stack.</summary>
    public Func<DialogContext, CancellationToken, Task> StartAsync { get; }

    /// <summary>The intent begins <paramref name="dialogId"/>, with options made from the turn (the first message, say).</summary>
    public static WorkflowEntry OnIntent(string intent, string dialogId, Func<DialogContext, object?>? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(intent);
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        return new WorkflowEntry(intent, null, (dc, ct) => dc.BeginDialogAsync(dialogId, options?.Invoke(dc), ct), dialogId);
    }

    /// <summary>The button whose title is the text <paramref name="textKey"/> runs <paramref name="startAsync"/>.</summary>
    public static WorkflowEntry OnButton(string textKey, Func<DialogContext, CancellationToken, Task> startAsync)
    {
        ArgumentException.ThrowIfNullOrEmpty(textKey);
        ArgumentNullException.ThrowIfNull(startAsync);
        return new WorkflowEntry(null, textKey, startAsync);
    }
}
