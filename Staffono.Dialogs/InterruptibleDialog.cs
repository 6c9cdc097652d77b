using Staffono.Dialogs.Engine;
using Staffono.Runtime.Schema;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs;

/// <summary>
/// The one place help, cancel, start over and "a person, please" are handled, whatever inner dialog is asking what:
/// help answers and repeats the pending question, cancel drops the use case, start over drops it
/// and begins afresh. Use-case dialogs never check for these themselves.
/// </summary>
public abstract class InterruptibleDialog(string id) : ComponentDialog(id)
{
    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var activity = innerDc.Context.Activity;
        var interruption = activity.Type == ActivityTypes.Message && innerDc.ActiveDialog is not null
            ? InterruptionRecognizer.Recognize(activity.Text)
            : Interruption.None;
        switch (interruption)
        {
            case Interruption.Help:
                await ShowHelpAsync(innerDc, cancellationToken);
                await innerDc.RepromptDialogAsync(cancellationToken);
                return DialogTurnResult.Waiting;
            case Interruption.Cancel:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                await innerDc.Context.SendActivityAsync(Texts.Message(innerDc.Language, "interrupt.cancelled"), cancellationToken);
                return await OnInterruptedAsync(innerDc, cancellationToken);
            case Interruption.StartOver:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                await innerDc.Context.SendActivityAsync(Texts.Message(innerDc.Language, "interrupt.start_over"), cancellationToken);
                return await OnInterruptedAsync(innerDc, cancellationToken);
            case Interruption.Human:
                return await OnPersonRequestedAsync(innerDc, cancellationToken);
            default:
                return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }

    /// <summary>«Позовите оператора» in the middle of something: by default the request is dropped like a cancel; the main dialog hands over.</summary>
    protected virtual async Task<DialogTurnResult> OnPersonRequestedAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        await innerDc.CancelAllDialogsAsync(cancellationToken);
        return await OnInterruptedAsync(innerDc, cancellationToken);
    }

    /// <summary>Says what the bot can do; the main dialog lists its use cases.</summary>
    protected abstract Task ShowHelpAsync(DialogContext innerDc, CancellationToken cancellationToken);

    /// <summary>After cancel or start over the inner stack is empty; by default this dialog waits for the next message.</summary>
    protected virtual Task<DialogTurnResult> OnInterruptedAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
        Task.FromResult(DialogTurnResult.Waiting);
}
