using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Staffono.Bot.Outbox;

/// <summary>
/// Keeps proactive sends within each channel's limits — overall (Telegram ~30/s, Teams ~50/s) and per
/// chat (Telegram ~1/s) — by waiting for a token rather than letting the channel answer 429. A 429 that
/// comes anyway is honoured by the connector (Retry-After).
/// </summary>
public sealed class OutboxRateLimits : IDisposable
{
    private readonly OutboxOptions _options;
    private readonly ConcurrentDictionary<string, RateLimiter> _channels = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<(string Channel, string Chat)> _chats;

    public OutboxRateLimits(IOptions<OutboxOptions> options)
    {
        _options = options.Value;
        _chats = PartitionedRateLimiter.Create<(string Channel, string Chat), (string, string)>(key =>
            _options.PerChatPerSecond.TryGetValue(key.Channel, out var rate)
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(rate))
                : RateLimitPartition.GetNoLimiter(key));
    }

    /// <summary>Waits until one more message may go to <paramref name="chat"/> on <paramref name="channel"/>.</summary>
    public async ValueTask WaitAsync(string channel, string chat, CancellationToken cancellationToken)
    {
        using (var chatLease = await _chats.AcquireAsync((channel, chat), 1, cancellationToken))
        {
            EnsureAcquired(chatLease);
        }

        if (_options.PerSecond.TryGetValue(channel, out var rate))
        {
            var limiter = _channels.GetOrAdd(channel, _ => new TokenBucketRateLimiter(Bucket(rate)));
            using var lease = await limiter.AcquireAsync(1, cancellationToken);
            EnsureAcquired(lease);
        }
    }

    public void Dispose()
    {
        _chats.Dispose();
        foreach (var limiter in _channels.Values)
        {
            limiter.Dispose();
        }
    }

    /// <summary>A bucket that allows <paramref name="perSecond"/> on average and a burst of at most one second's worth.</summary>
    private static TokenBucketRateLimiterOptions Bucket(double perSecond)
    {
        var (tokens, period) = perSecond >= 1
            ? ((int)Math.Round(perSecond), TimeSpan.FromSeconds(1))
            : (1, TimeSpan.FromSeconds(1 / perSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    private static void EnsureAcquired(RateLimitLease lease)
    {
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The outbox rate limiter refused a send it should have queued.");
        }
    }
}
