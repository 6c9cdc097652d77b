using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Channels;

/// <summary>The capability of every channel Staffono speaks to; unknown channels get the cautious Direct Line profile.</summary>
public static class ChannelCapabilityTable
{
    private static readonly ChannelCapabilities WebChat = new() { ChannelId = ChannelIds.Webchat, AdaptiveCardVersion = new Version(1, 6) };

    private static readonly Dictionary<string, ChannelCapabilities> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        [ChannelIds.Webchat] = WebChat,
        [ChannelIds.DirectLine] = WebChat with { ChannelId = ChannelIds.DirectLine },
        [ChannelIds.Emulator] = WebChat with { ChannelId = ChannelIds.Emulator },
        [ChannelIds.Test] = WebChat with { ChannelId = ChannelIds.Test },
        [ChannelIds.MsTeams] = new()
        {
            ChannelId = ChannelIds.MsTeams,
            AdaptiveCardVersion = new Version(1, 5),
            MaxHeroCardButtons = 6,
            MaxSuggestedActions = 3,
            SuggestedActionsWithAttachments = false,
            MaxTextLength = 28_000,
        },
        [ChannelIds.Telegram] = new()
        {
            ChannelId = ChannelIds.Telegram,
            AdaptiveCardVersion = null,
            MaxTextLength = 4096,
        },
        [ChannelIds.Facebook] = new()
        {
            ChannelId = ChannelIds.Facebook,
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
