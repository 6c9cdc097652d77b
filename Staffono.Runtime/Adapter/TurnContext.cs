using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Adapter;

/// <summary>The turn context the adapter builds for each incoming activity.</summary>
public sealed class TurnContext : ITurnContext
{
    private readonly List<SendActivitiesHandler> _onSend = [];

    public TurnContext(BotAdapter adapter, Activity activity)
    {
        Adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
    }

    public BotAdapter Adapter { get; }

    public Activity Activity { get; }

    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public bool Responded { get; private set; }

    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>With expectReplies, the activities of this turn are collected here instead of sent.</summary>
    internal List<Activity>? BufferedReplies { get; init; }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateMessage(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken);
        return responses.Count > 0 ? responses[0] : new ResourceResponse();
    }

    public Task SendTypingAsync(CancellationToken cancellationToken = default) =>
        SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);

    public Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var reference = Activity.GetConversationReference();
        var outgoing = new List<Activity>(activities.Count);
        foreach (var activity in activities)
        {
            activity.ApplyConversationReference(reference);
            activity.Type ??= ActivityTypes.Message;
            if (activity.Type == ActivityTypes.Message)
            {
                activity.TextFormat ??= TextFormats.Plain;
            }

            outgoing.Add(activity);
        }

        return RunOnSend(0, outgoing, cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var id = activity.Id ?? throw new ArgumentException("The activity to update needs its id.", nameof(activity));
        activity.ApplyConversationReference(Activity.GetConversationReference());
        activity.Id = id;
        activity.ReplyToId = null;
        return Adapter.UpdateActivityAsync(this, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var reference = Activity.GetConversationReference();
        reference.ActivityId = activityId;
        return Adapter.DeleteActivityAsync(this, reference, cancellationToken);
    }

    public ITurnContext OnSendActivities(SendActivitiesHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _onSend.Add(handler);
        return this;
    }

    private Task<IReadOnlyList<ResourceResponse>> RunOnSend(int index, List<Activity> activities, CancellationToken cancellationToken)
    {
        if (index < _onSend.Count)
        {
            return _onSend[index](this, activities, () => RunOnSend(index + 1, activities, cancellationToken));
        }

        return DeliverAsync(activities, cancellationToken);
    }

    private async Task<IReadOnlyList<ResourceResponse>> DeliverAsync(List<Activity> activities, CancellationToken cancellationToken)
    {
        if (activities.Count == 0)
        {
            return [];
        }

        IReadOnlyList<ResourceResponse> responses;
        if (BufferedReplies is not null)
        {
            BufferedReplies.AddRange(activities);
            responses = activities.Select(_ => new ResourceResponse()).ToList();
        }
        else
        {
            responses = await Adapter.SendActivitiesAsync(this, activities, cancellationToken);
        }

        if (activities.Any(a => a.Type == ActivityTypes.Message))
        {
            Responded = true;
        }

        return responses;
    }
}
