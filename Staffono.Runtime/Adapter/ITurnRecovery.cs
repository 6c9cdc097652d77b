namespace Staffono.Runtime.Adapter;

/// <summary>
/// How the bot puts a failed turn right for the person it is talking to. The runtime has already
/// dropped the failed turn's changes, so state is as the last good turn left it; the bot apologises
/// and asks its pending question again. The runtime knows no dialogs and no texts, so it asks the bot.
/// </summary>
public interface ITurnRecovery
{
    /// <param name="turnContext">The failed turn, its state read again.</param>
    /// <param name="conversationReset">
    /// True when the same conversation failed several turns in a row and its state was cleared, so
    /// there is no pending question any more and the bot starts afresh.
    /// </param>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    Task RecoverAsync(ITurnContext turnContext, bool conversationReset, CancellationToken cancellationToken);
}
