using System.Text.Json;
using Staffono.Runtime.Adapter;

namespace Staffono.Runtime.State;

/// <summary>
/// State of one user across conversations (language, name, phone), keyed by channel and user id. A user
/// may talk in two conversations at once (two tabs, web chat and Telegram), so a write that finds another
/// conversation's newer write is merged into it rather than reported as a conflict.
/// </summary>
public sealed class UserState(IStorage storage, JsonSerializerOptions? serializerOptions = null)
    : BotState(storage, "user", serializerOptions, mergeOnConflict: true)
{
    public override string? GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return activity.ChannelId is { Length: > 0 } channel && activity.From?.Id is { Length: > 0 } user
            ? $"{channel}/users/{user}"
            : null;
    }
}
