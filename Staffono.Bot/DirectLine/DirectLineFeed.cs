using System.Collections.Concurrent;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Wakes the WebSocket streams of a conversation when its feed grows. A stream takes the signal
/// before it reads the store, so an activity appended in between is never missed.
/// </summary>
public sealed class DirectLineFeed
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>A task that completes the next time <paramref name="conversationId"/> changes.</summary>
    public Task NextChange(string conversationId) =>
        _signals.GetOrAdd(conversationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string conversationId)
    {
        if (_signals.TryRemove(conversationId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
