using System.Text.Json;
using Staffono.Runtime.Adapter;

namespace Staffono.Runtime.State;

/// <summary>State of one conversation (dialog stacks, collected slots), keyed by channel and conversation id.</summary>
public sealed class ConversationState(IStorage storage, JsonSerializerOptions? serializerOptions = null)
    : BotState(storage, "conversation", serializerOptions)
{
    public override string? GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return activity.ChannelId is { Length: > 0 } channel && activity.Conversation?.Id is { Length: > 0 } conversation
            ? $"{channel}/conversations/{conversation}"
            : null;
    }
}
