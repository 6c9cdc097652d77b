using System.Text.Json;
using Staffono.Bot.DirectLine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;

namespace Staffono.Bot.Hosting;

/// <summary>
/// Writes into a conversation outside its turn through the adapter it lives on: this host's own Direct Line
/// feed for its web chat conversations, the Bot Connector for every other channel. It does not wait for the
/// conversation's turn: relayed words touch no state, and a Teams turn updating its own card, or two
/// conversations relaying to each other, must not wait on themselves.
/// </summary>
/// <remarks>
/// The adapters are looked up when first used, not injected: an adapter's error handler needs the bot, and
/// the bot needs the operators' turns that send through this, so injecting them would be a cycle.
/// </remarks>
public sealed class ConversationSender(IServiceProvider services) : IConversationSender
{
    private ChannelAdapter Channels => services.GetRequiredService<ChannelAdapter>();

    private DirectLineAdapter DirectLine => services.GetRequiredService<DirectLineAdapter>();

    public async Task<IReadOnlyList<ResourceResponse>> SendAsync(string conversationReference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        var reference = Parse(conversationReference);
        return await (await AdapterForAsync(reference, cancellationToken)).SendToConversationAsync(reference, activities, cancellationToken);
    }

    public async Task UpdateAsync(string conversationReference, Activity activity, CancellationToken cancellationToken = default)
    {
        var reference = Parse(conversationReference);
        await (await AdapterForAsync(reference, cancellationToken)).UpdateInConversationAsync(reference, activity, cancellationToken);
    }

    /// <summary>The adapter the conversation lives on.</summary>
    public async Task<BotAdapter> AdapterForAsync(ConversationReference reference, CancellationToken cancellationToken) =>
        reference.ChannelId is ChannelIds.DirectLine or ChannelIds.Webchat
        && reference.Conversation?.Id is { } conversationId
        && await services.GetRequiredService<IDirectLineStore>().ConversationExistsAsync(conversationId, cancellationToken)
            ? DirectLine
            : Channels;

    private static ConversationReference Parse(string conversationReference) =>
        JsonSerializer.Deserialize(conversationReference, ProtocolJson.Context.ConversationReference)
        ?? throw new ArgumentException("Not a conversation reference.", nameof(conversationReference));
}
