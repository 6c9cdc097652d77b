using Staffono.Runtime.Adapter;
using Staffono.Runtime.State;

namespace Staffono.Dialogs.Engine;

/// <summary>The dialogs that can be started by id in one context.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private readonly IStatePropertyAccessor<DialogState>? _state;

    public DialogSet(IStatePropertyAccessor<DialogState>? dialogState = null) => _state = dialogState;

    public IEnumerable<Dialog> Dialogs => _dialogs.Values;

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new InvalidOperationException($"A dialog with id '{dialog.Id}' is already in the set.");
        }

        return this;
    }

    public Dialog? Find(string id) => _dialogs.GetValueOrDefault(id);

    /// <summary>A context over the conversation's saved dialog stack (root sets only).</summary>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var accessor = _state ?? throw new InvalidOperationException("This dialog set was created without a dialog state accessor.");
        var state = (await accessor.GetAsync(turnContext, () => new DialogState(), cancellationToken))!;
        return new DialogContext(this, turnContext, state.DialogStack);
    }
}
