using System.Text.Json;
using Staffono.Runtime.Adapter;

namespace Staffono.Runtime.State;

/// <summary>State of one user across conversations (language, name, phone), keyed by channel and user id.</summary>
public sealed class UserState(IStorage storage, JsonSerializerOptions? serializerOptions = null)
    : BotState(storage, "user", serializerOptions)
{
    public override string? GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return activity.ChannelId is { Length: > 0 } channel && activity.From?.Id is { Length: > 0 } user
            ? $"{channel}/users/{user}"
            : null;
    }
}
