using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// One page of a conversation's feed: activities as stored JSON (UTF-8, in pooled buffers — dispose the
/// page when it is written), and the watermark after them.
/// </summary>
public sealed class FeedPage(FeedStatus status) : IDisposable
{
    private static readonly byte[] Comma = ","u8.ToArray();

    /// <summary>
    /// Buffers for activity JSON. Not the shared pool: that one also keeps an array per thread, so after a
    /// burst of large reads it would hold megabytes per thread; this one keeps a few dozen at most.
    /// </summary>
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 1024 * 1024, maxArraysPerBucket: 32);

    public static FeedPage UnknownConversation => new(FeedStatus.UnknownConversation);

    public static FeedPage WatermarkNotIssued => new(FeedStatus.WatermarkNotIssued);

    public FeedStatus Status { get; } = status;

    public List<ArraySegment<byte>> Activities { get; } = [];

    public long Watermark { get; set; }

    internal void Add(SqliteDataReader reader, int ordinal, int length)
    {
        var buffer = Buffers.Rent(Math.Max(length, 1));
        reader.GetBytes(ordinal, 0, buffer, 0, length);
        Activities.Add(new ArraySegment<byte>(buffer, 0, length));
    }

    /// <summary>Longest piece <see cref="ActivitySetParts"/> yields.</summary>
    public const int MaxPartBytes = 16 * 1024;

    /// <summary>
    /// The page as Direct Line's ActivitySet, <c>{"activities":[...],"watermark":"N"}</c>, in pieces of at
    /// most <see cref="MaxPartBytes"/> that are slices of the stored activities: writing a page copies
    /// nothing, and whoever sends it (Kestrel, the WebSocket) buffers one small piece at a time.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>> ActivitySetParts()
    {
        yield return "{\"activities\":["u8.ToArray();
        for (var i = 0; i < Activities.Count; i++)
        {
            if (i > 0)
            {
                yield return Comma;
            }

            var activity = Activities[i].AsMemory();
            for (var offset = 0; offset < activity.Length; offset += MaxPartBytes)
            {
                yield return activity.Slice(offset, Math.Min(MaxPartBytes, activity.Length - offset));
            }
        }

        yield return Encoding.UTF8.GetBytes($"],\"watermark\":\"{Watermark.ToString(CultureInfo.InvariantCulture)}\"}}");
    }

    public void Dispose()
    {
        foreach (var activity in Activities)
        {
            Buffers.Return(activity.Array!);
        }

        Activities.Clear();
    }
}
