namespace Staffono.Runtime.State;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency. Every implementation passes the
/// same contract suite (Staffono.Bot.Tests/Runtime/State/StorageContract.cs).
/// </summary>
public interface IStorage
{
    /// <summary>The documents that exist among <paramref name="keys"/>; missing keys are simply absent.</summary>
    Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes all <paramref name="changes"/> or none: if any item's ETag does not match
    /// (see <see cref="StoreItem.ETag"/>), nothing is written and <see cref="StorageConflictException"/> is thrown.
    /// </summary>
    /// <returns>The new ETag of every written key.</returns>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes the keys; deleting a missing key is not an error.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}
