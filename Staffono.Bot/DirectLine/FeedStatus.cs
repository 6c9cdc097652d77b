namespace Staffono.Bot.DirectLine;

/// <summary>Whether a page could be read.</summary>
public enum FeedStatus
{
    Ok,
    UnknownConversation,
    WatermarkNotIssued,
}
