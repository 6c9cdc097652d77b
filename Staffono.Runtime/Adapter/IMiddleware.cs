namespace Staffono.Runtime.Adapter;

/// <summary>A step around every turn; call the next delegate to run the rest of the pipeline and the bot.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken);
}
