using System.Security.Cryptography;
using System.Text;
using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Engine;

/// <summary>
/// A dialog made of dialogs: it keeps its own stack inside its instance, so a use case (booking,
/// returns) is one entry on the outer stack however many questions it asks.
/// </summary>
public abstract class ComponentDialog : Dialog
{
    private string? _version;

    protected ComponentDialog(string id)
        : base(id)
    {
    }

    /// <summary>The inner dialog started when this one begins; the first one added unless set.</summary>
    public string? InitialDialogId { get; protected set; }

    protected DialogSet Dialogs { get; } = new();

    /// <summary>
    /// The component's own shape: its type and the ids of its inner dialogs. Inner dialogs carry their
    /// own versions and are checked one by one as the inner stack continues, so a changed step restarts
    /// only the dialog it belongs to, not the whole conversation.
    /// </summary>
    public override string Version => _version ??= Hash(GetType().FullName + ":" + string.Join("|", Dialogs.Dialogs.Select(d => d.Id).Order(StringComparer.Ordinal)));

    protected ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        _version = null;
        return this;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var inner = CreateInnerContext(dc);
        var result = await OnBeginDialogAsync(inner, options, cancellationToken);
        return result.Status == DialogTurnStatus.Waiting ? DialogTurnResult.Waiting : await EndComponentAsync(dc, result.Result, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var inner = CreateInnerContext(dc);
        var result = await OnContinueDialogAsync(inner, cancellationToken);
        return result.Status == DialogTurnStatus.Waiting ? DialogTurnResult.Waiting : await EndComponentAsync(dc, result.Result, cancellationToken);
    }

    /// <summary>Only reached if an inner step started an outer dialog; the inner stack gets another look.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    /// <summary>A component expects what its waiting inner dialog expects.</summary>
    public override Task<bool> ExpectsAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        instance.InnerStack is [var waiting, ..] && Dialogs.Find(waiting.Id) is { } dialog
            ? dialog.ExpectsAsync(turnContext, waiting, cancellationToken)
            : Task.FromResult(false);

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var inner = new DialogContext(Dialogs, turnContext, instance.InnerStack ??= []);
        return inner.RepromptDialogAsync(cancellationToken);
    }

    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        if (reason == DialogReason.CancelCalled && instance.InnerStack is { Count: > 0 } stack)
        {
            await new DialogContext(Dialogs, turnContext, stack).CancelAllDialogsAsync(cancellationToken);
        }
    }

    /// <summary>Starts the initial inner dialog; override to do more (greet, pre-fill).</summary>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        innerDc.BeginDialogAsync(InitialDialogId ?? throw new InvalidOperationException($"{Id} has no inner dialogs."), options, cancellationToken);

    /// <summary>Passes the message to the inner stack; the place to handle interruptions once for all inner steps.</summary>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
        innerDc.ContinueDialogAsync(cancellationToken);

    /// <summary>The inner stack finished: this component ends with its result.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken) =>
        outerDc.EndDialogAsync(result, cancellationToken);

    private DialogContext CreateInnerContext(DialogContext outer)
    {
        var instance = outer.ActiveDialog ?? throw new InvalidOperationException($"{Id} is not on the stack.");
        return new DialogContext(Dialogs, outer.Context, instance.InnerStack ??= [], outer);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
