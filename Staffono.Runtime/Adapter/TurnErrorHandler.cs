using Microsoft.Extensions.Logging;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;

namespace Staffono.Runtime.Adapter;

/// <summary>
/// The one place a failed turn ends: the error is logged, the user gets an apology in their language,
/// and the conversation's state is deleted so that a dialog that broke cannot break again on the next
/// message. A storage conflict is different: another process owns the newer state, so it is kept and
/// the user is asked to repeat.
/// </summary>
public sealed class TurnErrorHandler(ConversationState conversationState, ILogger<TurnErrorHandler> logger)
{
    public async Task HandleAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var russian = Language.IsRussian(activity.Locale, activity.Text);
        string apology;
        if (exception is StorageConflictException conflict)
        {
            logger.LogWarning(exception, "Turn in {Channel}/{Conversation} lost a state race on {Key}", activity.ChannelId, activity.Conversation?.Id, conflict.Key);
            apology = russian
                ? "Ваше сообщение пересеклось с другим. Пожалуйста, отправьте его ещё раз."
                : "Your message crossed with another one. Please send it again.";
        }
        else
        {
            logger.LogError(exception, "Turn failed in {Channel}/{Conversation} ({Type})", activity.ChannelId, activity.Conversation?.Id, activity.Type);
            apology = russian
                ? "Извините, что-то пошло не так. Давайте начнём сначала — напишите, чем я могу помочь."
                : "Sorry, something went wrong on my side. Let's start over — tell me what you need.";
            try
            {
                await conversationState.DeleteAsync(turnContext, cancellationToken);
            }
            catch (Exception clearFailure) when (clearFailure is not OperationCanceledException)
            {
                logger.LogError(clearFailure, "Could not clear the state of {Channel}/{Conversation}", activity.ChannelId, activity.Conversation?.Id);
            }
        }

        if (activity.Type is ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.Event)
        {
            try
            {
                var message = Activity.CreateMessage(apology);
                message.Locale = russian ? "ru-RU" : "en-US";
                await turnContext.SendActivityAsync(message, cancellationToken);
            }
            catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
            {
                logger.LogError(sendFailure, "Could not send the apology to {Channel}/{Conversation}", activity.ChannelId, activity.Conversation?.Id);
            }
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            turnContext.InvokeResponse = new InvokeResponse(500);
        }
    }
}
