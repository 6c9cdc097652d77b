namespace Staffono.Runtime.Adapter;

/// <summary>A bot: one method called once per incoming activity.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
