using Staffono.Runtime.State;

namespace Staffono.Bot.Tests.Runtime.Adapter;

/// <summary>Passes every call to a real storage and counts them, to prove what a turn reads and writes.</summary>
internal sealed class CountingStorage(IStorage inner) : IStorage
{
    public int Reads;
    public int Writes;
    public int Deletes;

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Reads);
        return inner.ReadAsync(keys, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Writes);
        return inner.WriteAsync(changes, cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Deletes);
        return inner.DeleteAsync(keys, cancellationToken);
    }
}
