namespace Staffono.Runtime.Channels;

/// <summary>What one channel can show (PROTOCOL.md §5). Null limits mean "no practical limit".</summary>
public sealed record ChannelCapabilities
{
    public required string ChannelId { get; init; }

    /// <summary>The newest Adaptive Card version the channel renders, or null if it cannot render them (or renders them as images).</summary>
    public Version? AdaptiveCardVersion { get; init; }

    public bool HeroCards { get; init; } = true;

    public int MaxHeroCardButtons { get; init; } = 100;

    public int MaxSuggestedActions { get; init; } = 100;

    public int? MaxSuggestedActionTitleLength { get; init; }

    /// <summary>False where a message with an attachment cannot also carry suggested actions (Teams).</summary>
    public bool SuggestedActionsWithAttachments { get; init; } = true;

    public int? MaxTextLength { get; init; }

    public bool SupportsAdaptiveCard(Version? cardVersion) =>
        AdaptiveCardVersion is { } max && (cardVersion is null || cardVersion <= max);
}
