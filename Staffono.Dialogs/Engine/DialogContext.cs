using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Engine;

/// <summary>A dialog stack in the current turn, and the operations that move it.</summary>
public sealed class DialogContext
{
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, List<DialogInstance> stack, DialogContext? parent = null)
    {
        Dialogs = dialogs ?? throw new ArgumentNullException(nameof(dialogs));
        Context = turnContext ?? throw new ArgumentNullException(nameof(turnContext));
        Stack = stack ?? throw new ArgumentNullException(nameof(stack));
        Parent = parent;
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    /// <summary>Top of the stack first.</summary>
    public List<DialogInstance> Stack { get; }

    /// <summary>The context of the component dialog this context lives in.</summary>
    public DialogContext? Parent { get; }

    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>The language of this turn ("ru" or "en"), shared by every level of the stack.</summary>
    public string Language => TurnLanguage.Get(Context);

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        var dialog = FindDialog(dialogId) ?? throw new InvalidOperationException($"No dialog '{dialogId}' can be started here.");
        Stack.Insert(0, new DialogInstance { Id = dialogId, Version = dialog.Version });
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>Starts a prompt; the same as <see cref="BeginDialogAsync"/> with typed options.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, Prompts.PromptOptions options, CancellationToken cancellationToken = default) =>
        BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>
    /// Passes the user's message to the active dialog. A dialog whose definition changed since this
    /// conversation started it is restarted with an apology rather than resumed at a wrong step.
    /// </summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var instance = ActiveDialog;
        if (instance is null)
        {
            return DialogTurnResult.Empty;
        }

        var dialog = FindDialog(instance.Id);
        if (dialog is null || !string.Equals(dialog.Version, instance.Version, StringComparison.Ordinal))
        {
            return await RestartChangedAsync(instance, dialog, cancellationToken);
        }

        return await dialog.ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog and resumes the one below it with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.EndCalled, cancellationToken);
        var parent = ActiveDialog;
        if (parent is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }

        var dialog = FindDialog(parent.Id);
        if (dialog is null || !string.Equals(dialog.Version, parent.Version, StringComparison.Ordinal))
        {
            return await RestartChangedAsync(parent, dialog, cancellationToken);
        }

        return await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken);
    }

    /// <summary>Replaces the active dialog with another (loops, restarts).</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Cancels every dialog on this stack.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
        {
            return DialogTurnResult.Empty;
        }

        while (Stack.Count > 0)
        {
            await PopAsync(DialogReason.CancelCalled, cancellationToken);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to repeat its pending question.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } instance && FindDialog(instance.Id) is { } dialog)
        {
            await dialog.RepromptDialogAsync(Context, instance, cancellationToken);
        }
    }

    /// <summary>A dialog of this set, or of an enclosing component's set.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    /// <summary>
    /// The saved instance was started by another definition of its dialog (or one that no longer
    /// exists): apologise, drop it, and start the current definition afresh (or end it).
    /// </summary>
    private async Task<DialogTurnResult> RestartChangedAsync(DialogInstance instance, Dialog? dialog, CancellationToken cancellationToken)
    {
        Stack.Remove(instance);
        await Context.SendActivityAsync(Texts.Message(Language, "dialog.restarted"), cancellationToken);
        return dialog is null ? await EndDialogAsync(null, cancellationToken) : await BeginDialogAsync(instance.Id, null, cancellationToken);
    }

    private async Task PopAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } instance)
        {
            return;
        }

        Stack.RemoveAt(0);
        if (FindDialog(instance.Id) is { } dialog)
        {
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken);
        }
    }
}
