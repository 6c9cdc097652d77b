using Staffono.Runtime.Schema;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Direct Line conversations and their activity feeds, kept so that a page reload or a restart loses nothing.
/// Each activity appended gets the next sequence number of its conversation (1, 2, 3, ..., none given twice,
/// however many instances append at once) and the id "{conversation}|0000042" that holds it; the watermark a
/// client holds is the last number it has seen. Reads come in bounded pages, so a long history is never held
/// in memory at once, and what a customer may add to a conversation's history is capped.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>Most activities in one page of the feed.</summary>
    const int MaxPageActivities = 100;

    /// <summary>A page stops growing past this many bytes of activity JSON (UTF-8; it always holds at least one activity).</summary>
    const int MaxPageBytes = 256 * 1024;

    /// <summary>Creates the conversation with an empty feed (watermark 0); false, changing nothing, if it already existed.</summary>
    Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken);

    Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds an activity to the end of the feed and gives it (<paramref name="activity"/>'s <c>Id</c> too) its feed id.
    /// The conversation must exist (<see cref="InvalidOperationException"/> otherwise).
    /// </summary>
    Task<string> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>
    /// Adds what a customer sent, as <see cref="AppendAsync"/> does, unless the conversation's history would grow past
    /// <paramref name="maxHistoryBytes"/>; then nothing is stored and the answer is null. The history is the UTF-8 JSON
    /// of every activity appended to the conversation, the bot's included, as it was appended (deleting or replacing
    /// one gives nothing back).
    /// </summary>
    Task<string?> TryAppendAsync(string conversationId, Activity activity, long maxHistoryBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the activity with <paramref name="activity"/>'s id in place, where it is in the feed (the bot updated a
    /// message it sent); false, changing nothing, if the conversation has no activity with that id.
    /// </summary>
    Task<bool> ReplaceAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Removes an activity from the feed (nothing if there is none); its number is never given again, so watermarks stay valid.</summary>
    Task DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>The last watermark the conversation has issued (its last sequence number, 0 before any); null when there is no such conversation.</summary>
    Task<long?> IssuedWatermarkAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// The next page of activities after <paramref name="watermark"/> as raw JSON, in feed order: at most
    /// <see cref="MaxPageActivities"/>, and no more than <see cref="MaxPageBytes"/> unless one activity alone is
    /// larger, with the watermark after them (the issued one when nothing is left, deleted activities leaving gaps).
    /// A watermark past what the conversation has issued, or below 0, is refused rather than answered with nothing,
    /// so a client never silently misses messages.
    /// </summary>
    Task<FeedPage> ReadPageAsync(string conversationId, long watermark, CancellationToken cancellationToken);
}
