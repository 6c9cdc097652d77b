using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Adapter;

/// <summary>
/// The turn machinery shared by every adapter: the middleware pipeline, one turn at a time per
/// conversation, and one error handler. Subclasses decide how activities leave the bot.
/// </summary>
public abstract class BotAdapter
{
    private readonly List<IMiddleware> _middleware = [];
    private readonly KeyedLocks _conversationLocks = new();

    /// <summary>Called when a turn throws; see <see cref="TurnErrorHandler"/>. Without one, the exception propagates.</summary>
    public Func<ITurnContext, Exception, CancellationToken, Task>? OnTurnError { get; set; }

    /// <summary>Adds a middleware; they run in the order added, around the bot.</summary>
    public BotAdapter Use(IMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    public abstract Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="callback"/> as a turn in the conversation <paramref name="reference"/> points to,
    /// through the same middleware (state, logging) as an incoming turn. Used for reminders and follow-ups.
    /// </summary>
    public abstract Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends into a conversation outside any turn: no middleware, no waiting for the conversation's turn.
    /// For words relayed between people (a customer and an operator) that touch no state — where waiting
    /// for the other conversation's turn could deadlock two conversations relaying to each other.
    /// </summary>
    public Task<IReadOnlyList<ResourceResponse>> SendToConversationAsync(ConversationReference reference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default) =>
        CreateProactiveTurn(reference).SendActivitiesAsync(activities, cancellationToken);

    /// <summary>Replaces an activity sent earlier into the conversation, outside any turn (as <see cref="SendToConversationAsync"/>).</summary>
    public Task<ResourceResponse> UpdateInConversationAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken = default) =>
        CreateProactiveTurn(reference).UpdateActivityAsync(activity, cancellationToken);

    /// <summary>A turn context for sending into <paramref name="reference"/>'s conversation; adapters add what sending needs.</summary>
    protected virtual TurnContext CreateProactiveTurn(ConversationReference reference) => new(this, CreateContinuationActivity(reference));

    /// <summary>The activity a proactive turn starts from: an event addressed as if the user had sent it.</summary>
    protected static Activity CreateContinuationActivity(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var activity = new Activity { Type = ActivityTypes.Event, Name = "ContinueConversation" };
        activity.ApplyConversationReference(reference, isIncoming: true);
        return activity;
    }

    /// <summary>
    /// Runs middleware and <paramref name="callback"/> for <paramref name="turnContext"/>, after every
    /// earlier turn of the same conversation in this process finished. A customer's turn that fails ends
    /// in <see cref="OnTurnError"/>; a proactive turn's failure goes back to its caller instead (see
    /// <see cref="RunProactivePipelineAsync"/>).
    /// </summary>
    protected Task RunPipelineAsync(TurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        RunPipelineAsync(turnContext, callback, handleErrors: true, cancellationToken);

    /// <summary>
    /// Runs a turn the bot starts itself (a reminder, a follow-up). Nobody is waiting for an answer, so
    /// there is nothing to apologise to: a failure — the channel refused the message — is the caller's to
    /// know, so it can keep the message and try again rather than count it as sent.
    /// </summary>
    protected Task RunProactivePipelineAsync(TurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        RunPipelineAsync(turnContext, callback, handleErrors: false, cancellationToken);

    private async Task RunPipelineAsync(TurnContext turnContext, BotCallbackHandler callback, bool handleErrors, CancellationToken cancellationToken)
    {
        var conversationKey = $"{turnContext.Activity.ChannelId}/{turnContext.Activity.Conversation?.Id}";
        using var _ = await _conversationLocks.AcquireAsync(conversationKey, cancellationToken);
        try
        {
            await RunMiddlewareAsync(0, turnContext, callback, cancellationToken);
        }
        catch (Exception ex) when (handleErrors && OnTurnError is not null && ex is not OperationCanceledException)
        {
            await OnTurnError(turnContext, ex, cancellationToken);
        }
    }

    private Task RunMiddlewareAsync(int index, TurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        if (index < _middleware.Count)
        {
            return _middleware[index].OnTurnAsync(turnContext, ct => RunMiddlewareAsync(index + 1, turnContext, callback, ct), cancellationToken);
        }

        return callback(turnContext, cancellationToken);
    }
}
