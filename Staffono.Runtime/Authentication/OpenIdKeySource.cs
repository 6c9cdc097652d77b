using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Staffono.Runtime.Authentication;

/// <summary>
/// The signing keys of one OpenID metadata document, fetched as rarely as safety allows. Keys are
/// refreshed on schedule (<see cref="BotCredentialsOptions.MetadataRefreshInterval"/>) and when a token
/// names a key the set does not have (keys roll over) — but never more than once per
/// <see cref="BotCredentialsOptions.MetadataMinRefreshInterval"/>, whatever the traffic, as the Bot
/// Framework SDK does: forged tokens must not turn into outbound requests or log lines. A failed fetch
/// keeps the keys already known and is logged once, not once per request.
/// </summary>
internal sealed class OpenIdKeySource
{
    /// <summary>The first retry after a failed first fetch; it doubles up to the minimum refresh interval.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    private readonly string _url;
    private readonly IDocumentRetriever _documents;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minRefreshInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;
    private int _failures;

    public OpenIdKeySource(string url, IDocumentRetriever documents, TimeSpan refreshInterval, TimeSpan minRefreshInterval, TimeProvider time, ILogger logger)
    {
        _url = url;
        _documents = documents;
        _refreshInterval = refreshInterval;
        _minRefreshInterval = minRefreshInterval;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// The current keys; fetched first if they are due, or if <paramref name="keyMissing"/> says a token
    /// named a key they lack and the last attempt is long enough ago. Null when no fetch has worked yet.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> GetAsync(bool keyMissing, CancellationToken cancellationToken)
    {
        if (!ShouldFetch(keyMissing))
        {
            return _current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Requests that queued behind a fetch find it done and take its result.
            if (!ShouldFetch(keyMissing))
            {
                return _current;
            }

            var now = _time.GetUtcNow();
            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(_url, _documents, cancellationToken);
                _fetchedAt = now;
                _failures = 0;
                _nextAttempt = now + _minRefreshInterval;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _failures++;
                var wait = _current is null
                    ? TimeSpan.FromTicks(Math.Min(_minRefreshInterval.Ticks, FirstRetry.Ticks << Math.Min(_failures - 1, 16)))
                    : _minRefreshInterval;
                _nextAttempt = now + wait;
                _logger.LogWarning(
                    "Could not fetch token signing keys from {Url} ({Reason}); {Keeping}; next attempt in {Wait}",
                    _url,
                    ex.GetBaseException().Message,
                    _current is null ? "tokens are refused until it works" : "the keys fetched earlier stay in use",
                    wait);
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool ShouldFetch(bool keyMissing)
    {
        var now = _time.GetUtcNow();
        if (now < _nextAttempt)
        {
            return false;
        }

        return _current is null || keyMissing || now - _fetchedAt >= _refreshInterval;
    }
}
