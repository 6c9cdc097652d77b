namespace Staffono.Runtime.Connector;

/// <summary>
/// Keeps one token and fetches a new one shortly before it expires, so no call ever goes out with a
/// token that dies in flight, and concurrent callers trigger a single fetch.
/// </summary>
public abstract class CachingTokenProvider : IAccessTokenProvider
{
    /// <summary>How long before expiry a token is replaced.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private AccessToken? _current;

    protected CachingTokenProvider(TimeProvider? timeProvider) => _time = timeProvider ?? TimeProvider.System;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (IsFresh(_current))
        {
            return _current!.Value.Value;
        }

        await _fetch.WaitAsync(cancellationToken);
        try
        {
            if (!IsFresh(_current))
            {
                _current = await FetchAsync(cancellationToken);
            }

            return _current!.Value.Value;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>Gets a new token from the identity provider.</summary>
    protected abstract Task<AccessToken> FetchAsync(CancellationToken cancellationToken);

    private bool IsFresh(AccessToken? token) => token is { } t && _time.GetUtcNow() < t.ExpiresOn - RefreshMargin;
}
