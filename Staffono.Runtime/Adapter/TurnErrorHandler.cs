using Microsoft.Extensions.Logging;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;

namespace Staffono.Runtime.Adapter;

/// <summary>
/// The one place a failed turn ends. A turn that throws must never cost the customer their
/// conversation: its own changes are dropped (state is read again as the last good turn saved it),
/// the customer gets an apology and the pending question again (through <see cref="ITurnRecovery"/>),
/// and only when the same conversation fails <see cref="MaxConsecutiveFailures"/> turns in a row is
/// its state cleared, so a dialog that is broken for good cannot trap anyone. A storage conflict is
/// different: another process owns the newer state, so it is kept and the customer is asked to repeat.
/// As a middleware it clears the failure count after a turn that went well.
/// </summary>
public sealed class TurnErrorHandler : IMiddleware
{
    /// <summary>Failed turns in a row after which the conversation starts afresh.</summary>
    public const int MaxConsecutiveFailures = 3;

    private readonly ConversationState _conversationState;
    private readonly ILogger<TurnErrorHandler> _logger;
    private readonly ITurnRecovery? _recovery;
    private readonly IStatePropertyAccessor<int> _failures;

    public TurnErrorHandler(ConversationState conversationState, ILogger<TurnErrorHandler> logger, ITurnRecovery? recovery = null)
    {
        _conversationState = conversationState ?? throw new ArgumentNullException(nameof(conversationState));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _recovery = recovery;
        _failures = conversationState.CreateProperty<int>("turnFailures");
    }

    /// <summary>After a turn that succeeded, forgets earlier failures (only where the turn read the state anyway).</summary>
    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        await next(cancellationToken);
        if (_conversationState.IsLoaded(turnContext) && await _failures.GetAsync(turnContext, null, cancellationToken) > 0)
        {
            await _failures.DeleteAsync(turnContext, cancellationToken);
        }
    }

    public async Task HandleAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var speaks = activity.Type is ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.Event;
        if (exception is StorageConflictException conflict)
        {
            _logger.LogWarning("Turn in {Channel}/{Conversation} lost a state race on {Key}", activity.ChannelId, activity.Conversation?.Id, conflict.Key);
            if (speaks)
            {
                await SendFallbackAsync(turnContext, CrossedText, cancellationToken);
            }
        }
        else
        {
            _logger.LogError(exception, "Turn failed in {Channel}/{Conversation} ({Type})", activity.ChannelId, activity.Conversation?.Id, activity.Type);
            var reset = await CountFailureAsync(turnContext, cancellationToken);
            if (speaks)
            {
                await RecoverAsync(turnContext, reset, cancellationToken);
            }
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            turnContext.InvokeResponse = InvokeResponse.Failed(500, "InternalError", "The bot failed while handling this invoke.");
        }
    }

    /// <summary>
    /// Reads the conversation's state again, which drops whatever the failed turn changed, and counts
    /// the failure there. True when this was one failure too many and the state is now cleared.
    /// </summary>
    private async Task<bool> CountFailureAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (_conversationState.GetStorageKey(turnContext) is null)
        {
            return false;
        }

        try
        {
            await _conversationState.LoadAsync(turnContext, force: true, cancellationToken);
            var failures = await _failures.GetAsync(turnContext, () => 0, cancellationToken) + 1;
            if (failures >= MaxConsecutiveFailures)
            {
                _logger.LogWarning("{Channel}/{Conversation} failed {Failures} turns in a row; its state is cleared", turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id, failures);
                await _conversationState.DeleteAsync(turnContext, cancellationToken);
                return true;
            }

            await _failures.SetAsync(turnContext, failures, cancellationToken);
            await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The state stays as the last good turn saved it; only the count is lost.
            _logger.LogError(ex, "Could not count the failed turn of {Channel}/{Conversation}", turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id);
        }

        return false;
    }

    private async Task RecoverAsync(ITurnContext turnContext, bool reset, CancellationToken cancellationToken)
    {
        if (_recovery is not null)
        {
            try
            {
                await _recovery.RecoverAsync(turnContext, reset, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "The bot could not recover from a failed turn in {Channel}/{Conversation}", turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id);
            }
        }

        await SendFallbackAsync(turnContext, reset ? ResetText : RetryText, cancellationToken);
    }

    private async Task SendFallbackAsync(ITurnContext turnContext, Func<bool, string> text, CancellationToken cancellationToken)
    {
        var russian = Language.IsRussian(turnContext.Activity.Locale, turnContext.Activity.Text);
        try
        {
            var message = Activity.CreateMessage(text(russian));
            message.Locale = russian ? "ru-RU" : "en-US";
            await turnContext.SendActivityAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Could not send the apology to {Channel}/{Conversation}", turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id);
        }
    }

    // Texts for a bot without its own recovery (tests, a bare runtime); the product's bot speaks from its resources.
    private static string CrossedText(bool russian) => russian
        ? "Ваше сообщение пересеклось с другим. Пожалуйста, отправьте его ещё раз."
        : "Your message crossed with another one. Please send it again.";

    private static string RetryText(bool russian) => russian
        ? "Извините, что-то пошло не так. Пожалуйста, повторите последнее сообщение."
        : "Sorry, something went wrong on my side. Please send your last message again.";

    private static string ResetText(bool russian) => russian
        ? "Извините, что-то пошло не так. Давайте начнём сначала — напишите, чем я могу помочь."
        : "Sorry, something went wrong on my side. Let's start over — tell me what you need.";
}
