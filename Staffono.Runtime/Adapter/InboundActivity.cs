using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Adapter;

/// <summary>
/// What every inbound activity must carry before a turn may run for it. State is keyed by channel,
/// conversation and user, so an activity missing one of them cannot be given a turn at all: it is a
/// 400, decided before anything is read or written, never a failure in the middle of a turn.
/// </summary>
public static class InboundActivity
{
    /// <summary>The longest id accepted (Teams' conversation ids, the longest seen, are a few hundred characters).</summary>
    public const int MaxIdLength = 1024;

    /// <summary>Null when a turn can run; otherwise the field that is missing or wrong.</summary>
    public static string? FindStructuralProblem(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Check(activity.ChannelId, "channelId")
            ?? Check(activity.Conversation?.Id, "conversation.id")
            ?? Check(activity.From?.Id, "from.id");
    }

    private static string? Check(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? $"The activity has no {field}."
        : value.Length > MaxIdLength ? $"The activity's {field} is longer than {MaxIdLength} characters."
        : null;
}
