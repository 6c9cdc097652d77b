using Staffono.Runtime.Adapter;

namespace Staffono.Runtime.State;

/// <summary>Saves the given state scopes after the bot finished a turn successfully (and only what changed).</summary>
public sealed class AutoSaveStateMiddleware(params BotState[] states) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        await next(cancellationToken);
        foreach (var state in states)
        {
            await state.SaveChangesAsync(turnContext, force: false, cancellationToken);
        }
    }
}
