using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Engine;

/// <summary>
/// A unit of conversation with the Bot Framework shape: it begins, continues with each user message,
/// resumes when a child it started ends, and ends with a result.
/// </summary>
public abstract class Dialog
{
    protected Dialog(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string Id { get; }

    /// <summary>
    /// Identifies the dialog's definition. When a saved conversation was started by another version,
    /// the dialog context restarts it with an apology instead of resuming at a step that may now mean
    /// something else.
    /// </summary>
    public virtual string Version => GetType().FullName ?? Id;

    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    /// <summary>The user answered while this dialog was on top. By default a dialog without questions just ends.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(null, cancellationToken);

    /// <summary>A child this dialog started has ended with <paramref name="result"/>.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(result, cancellationToken);

    /// <summary>Ask the pending question again (after help, say).</summary>
    /// <summary>
    /// Whether the turn's message is an answer this dialog, waiting as <paramref name="instance"/>, takes as
    /// one — so a parent can tell an answer from a new request before passing it on. False when it cannot tell.
    /// </summary>
    public virtual Task<bool> ExpectsAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>Called as the instance leaves the stack.</summary>
    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
