using Staffono.Runtime.Adapter;

namespace Staffono.Bot.Tests.Runtime.Adapter;

/// <summary>A bot whose turn is the lambda a test gives it; counts its turns.</summary>
internal sealed class DelegateBot(Func<ITurnContext, CancellationToken, Task> onTurn) : IBot
{
    private int _turns;

    public int Turns => Volatile.Read(ref _turns);

    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _turns);
        return onTurn(turnContext, cancellationToken);
    }
}
