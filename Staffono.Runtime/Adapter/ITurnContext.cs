using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Adapter;

/// <summary>Everything one turn knows and can do: the incoming activity, sending, and per-turn services.</summary>
public interface ITurnContext
{
    /// <summary>The adapter running this turn.</summary>
    BotAdapter Adapter { get; }

    /// <summary>The incoming activity.</summary>
    Activity Activity { get; }

    /// <summary>Per-turn services and values (state caches, the connector client, ...), keyed by name.</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>True once the bot sent at least one message in this turn.</summary>
    bool Responded { get; }

    /// <summary>The answer to an invoke activity; 501 is returned when the bot sets none.</summary>
    InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Sends one activity, addressed as a reply to the incoming one.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Sends a plain-text message.</summary>
    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Sends several activities in order.</summary>
    Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Shows the typing indicator.</summary>
    Task SendTypingAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces an activity the bot sent earlier (its <see cref="Activity.Id"/> says which).</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Deletes an activity the bot sent earlier.</summary>
    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);

    /// <summary>Registers a hook that sees (and may change) every batch of outgoing activities before it is sent.</summary>
    ITurnContext OnSendActivities(SendActivitiesHandler handler);
}
