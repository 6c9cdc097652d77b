using System.Text.Json;
using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Engine;

/// <summary>What a waterfall step sees: the options the dialog began with, values collected so far, and the last answer.</summary>
public sealed class WaterfallStepContext
{
    private readonly WaterfallDialog _waterfall;
    private readonly DialogInstance _instance;
    private bool _moved;

    internal WaterfallStepContext(WaterfallDialog waterfall, DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result)
    {
        _waterfall = waterfall;
        _instance = instance;
        Dialog = dc;
        Index = index;
        Reason = reason;
        Result = result;
    }

    public DialogContext Dialog { get; }

    public ITurnContext Context => Dialog.Context;

    public string Language => Dialog.Language;

    /// <summary>The step's position (0-based).</summary>
    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>The previous step's answer (a prompt's recognized value, or what <see cref="NextAsync"/> passed).</summary>
    public object? Result { get; }

    /// <summary>The options the waterfall began with.</summary>
    public T? GetOptions<T>() => _instance.Get<T>(WaterfallDialog.OptionsKey);

    /// <summary>Values the steps keep between turns.</summary>
    public T? GetValue<T>(string key) => _instance.Get<T>("values." + key);

    public void SetValue<T>(string key, T value) => _instance.Set("values." + key, value);

    public bool HasValue(string key) =>
        _instance.State.TryGetValue("values." + key, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <summary>Skips ahead to the next step with <paramref name="result"/> — for "ask only if missing".</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_moved)
        {
            throw new InvalidOperationException($"Step {Index} of {_waterfall.Id} already moved on.");
        }

        _moved = true;
        return _waterfall.RunStepAsync(Dialog, _instance, Index + 1, DialogReason.NextCalled, result, cancellationToken);
    }

    public Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default) =>
        Dialog.EndDialogAsync(result, cancellationToken);

    public Task<DialogTurnResult> PromptAsync(string dialogId, Prompts.PromptOptions options, CancellationToken cancellationToken = default) =>
        Dialog.PromptAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default) =>
        Dialog.BeginDialogAsync(dialogId, options, cancellationToken);
}
