namespace Staffono.Runtime.State;

/// <summary>In-process storage for tests and single-process demos; lost on restart.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Dictionary<string, StoreItem> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var item))
                {
                    result[key] = item;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(result);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (key, change) in changes)
            {
                _items.TryGetValue(key, out var current);
                if (!ETagMatches(change.ETag, current?.ETag))
                {
                    throw new StorageConflictException(key, change.ETag);
                }
            }

            foreach (var (key, change) in changes)
            {
                var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _items[key] = new StoreItem(change.Json, etag);
                etags[key] = etag;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(etags);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    internal static bool ETagMatches(string? expected, string? stored) => expected switch
    {
        StoreItem.AnyETag => true,
        null => stored is null,
        _ => string.Equals(expected, stored, StringComparison.Ordinal),
    };
}
