using Staffono.Runtime.Adapter;
using Staffono.Runtime.State;

namespace Staffono.Dialogs.Engine;

/// <summary>Runs a root dialog for a turn: continue what is active, or begin it when nothing is.</summary>
public static class DialogRunner
{
    public static async Task<DialogTurnResult> RunAsync(Dialog root, ITurnContext turnContext, IStatePropertyAccessor<DialogState> dialogState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var dialogs = new DialogSet(dialogState).Add(root);
        var dc = await dialogs.CreateContextAsync(turnContext, cancellationToken);
        var result = await dc.ContinueDialogAsync(cancellationToken);
        return result.Status == DialogTurnStatus.Empty ? await dc.BeginDialogAsync(root.Id, null, cancellationToken) : result;
    }

    /// <summary>Asks the pending question of the saved stack again, changing nothing.</summary>
    public static async Task RepromptAsync(Dialog root, ITurnContext turnContext, IStatePropertyAccessor<DialogState> dialogState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var dc = await new DialogSet(dialogState).Add(root).CreateContextAsync(turnContext, cancellationToken);
        await dc.RepromptDialogAsync(cancellationToken);
    }
}
