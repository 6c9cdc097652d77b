using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Runs turns for local Direct Line conversations: what the bot sends — replies and, later, proactive
/// messages — is appended to the conversation's feed, where polling clients and WebSocket streams
/// pick it up. Middleware (state, error handling) is the same as for channel turns.
/// </summary>
public sealed class DirectLineAdapter(IDirectLineStore store, DirectLineFeed feed, TimeProvider time) : BotAdapter
{
    public Task RunTurnAsync(Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        return RunPipelineAsync(new TurnContext(this, activity), bot.OnTurnAsync, cancellationToken);
    }

    public override async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>(activities.Count);
        foreach (var activity in activities)
        {
            var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("An outgoing activity has no conversation.");
            activity.Timestamp = time.GetUtcNow();
            if (activity.From is { } from)
            {
                from.Role = RoleTypes.Bot;
            }

            responses.Add(new ResourceResponse(await store.AppendAsync(conversationId, activity, cancellationToken)));
            feed.Notify(conversationId);
        }

        return responses;
    }

    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation.");
        if (!await store.ReplaceAsync(conversationId, activity, cancellationToken))
        {
            throw new InvalidOperationException($"No activity '{activity.Id}' in conversation '{conversationId}' to update.");
        }

        feed.Notify(conversationId);
        return new ResourceResponse(activity.Id);
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        store.DeleteAsync(reference.Conversation?.Id ?? string.Empty, reference.ActivityId ?? string.Empty, cancellationToken);

    public override Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default) =>
        RunProactivePipelineAsync(new TurnContext(this, CreateContinuationActivity(reference)), callback, cancellationToken);
}
