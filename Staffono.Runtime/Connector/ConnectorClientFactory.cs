using System.Net;
using Polly;
using Polly.Retry;

namespace Staffono.Runtime.Connector;

/// <summary>
/// Builds <see cref="ConnectorClient"/>s for service URLs, sharing one HttpClient, one token
/// provider and one retry policy: up to <see cref="MaxRetries"/> retries on 429, 5xx and network
/// errors, waiting what Retry-After asks when the server says so and otherwise base × 2^(n−1), each
/// wait spread by ±20 % so that many conversations failing together do not retry in step.
/// </summary>
public sealed class ConnectorClientFactory
{
    public const int MaxRetries = 3;

    /// <summary>A Retry-After longer than this is not waited for; the call fails instead of hanging a turn.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _resilience;
    private readonly TimeProvider _time;
    private readonly TimeSpan _baseDelay;
    private readonly Func<double> _random;

    /// <param name="http">The shared client for every connector call.</param>
    /// <param name="tokens">Outgoing bearer tokens.</param>
    /// <param name="timeProvider">The clock the waits run on.</param>
    /// <param name="baseDelay">The first retry's wait before jitter (default 500 ms).</param>
    /// <param name="random">A source of numbers in [0, 1) for the jitter (default: shared random).</param>
    public ConnectorClientFactory(HttpClient http, IAccessTokenProvider tokens, TimeProvider? timeProvider = null, TimeSpan? baseDelay = null, Func<double>? random = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _time = timeProvider ?? TimeProvider.System;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(500);
        _random = random ?? Random.Shared.NextDouble;
        _resilience = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryAfter(args.Outcome.Result) ?? Backoff(args.AttemptNumber)),
            })
            .Build();
    }

    /// <summary>The client for <paramref name="serviceUrl"/> (the incoming activity's serviceUrl).</summary>
    public ConnectorClient Create(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"'{serviceUrl}' is not an http(s) service URL.", nameof(serviceUrl));
        }

        // Relative paths must append to the service URL's path (".../teams/" + "v3/..."), so it needs a trailing slash.
        var baseUri = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new ConnectorClient(_http, baseUri, _tokens, _resilience);
    }

    private bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is HttpRequestException)
        {
            return true;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status == (int)HttpStatusCode.TooManyRequests && RetryAfter(response) is { } wait && wait > MaxRetryAfter)
        {
            return false;
        }

        return status == (int)HttpStatusCode.TooManyRequests || status >= 500;
    }

    /// <summary>The wait before retry <paramref name="attempt"/> + 1 (attempt counts from 0): base × 2^attempt × [0.8, 1.2).</summary>
    internal TimeSpan Backoff(int attempt) => _baseDelay * Math.Pow(2, attempt) * (0.8 + (0.4 * _random()));

    /// <summary>The server's requested wait, or null for the default backoff.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
