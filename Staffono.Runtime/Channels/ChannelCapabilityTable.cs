using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Channels;

/// <summary>The capability of every channel Staffono speaks to; unknown channels get the cautious Direct Line profile.</summary>
public static class ChannelCapabilityTable
{
    private static readonly ChannelCapabilities WebChat = new() { ChannelId = Schema.Channels.Webchat, AdaptiveCardVersion = new Version(1, 6) };

    private static readonly Dictionary<string, ChannelCapabilities> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        [Schema.Channels.Webchat] = WebChat,
        [Schema.Channels.DirectLine] = WebChat with { ChannelId = Schema.Channels.DirectLine },
        [Schema.Channels.Emulator] = WebChat with { ChannelId = Schema.Channels.Emulator },
        [Schema.Channels.Test] = WebChat with { ChannelId = Schema.Channels.Test },
        [Schema.Channels.MsTeams] = new()
        {
            ChannelId = Schema.Channels.MsTeams,
            AdaptiveCardVersion = new Version(1, 5),
            MaxHeroCardButtons = 6,
            MaxSuggestedActions = 3,
            SuggestedActionsWithAttachments = false,
            MaxTextLength = 28_000,
        },
        [Schema.Channels.Telegram] = new()
        {
            ChannelId = Schema.Channels.Telegram,
            AdaptiveCardVersion = null,
            MaxTextLength = 4096,
        },
        [Schema.Channels.Facebook] = new()
        {
            ChannelId = Schema.Channels.Facebook,
            AdaptiveCardVersion = null,
            MaxHeroCardButtons = 3,
            MaxSuggestedActions = 11,
            MaxSuggestedActionTitleLength = 20,
            MaxTextLength = 2000,
        },
    };

    public static ChannelCapabilities For(string? channelId) =>
        channelId is not null && Table.TryGetValue(channelId, out var capabilities) ? capabilities : WebChat with { ChannelId = channelId ?? "unknown" };
}
