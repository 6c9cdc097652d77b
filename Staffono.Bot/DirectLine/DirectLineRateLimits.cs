using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Staffono.Bot.Endpoints;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// What one client may ask of the local Direct Line, since anyone who can load the page can call it:
/// new conversations per client address (each may hold a calendar slot, so they must not be free to
/// mint in bulk), posts per conversation (one typing person), and requests of any kind per client
/// address. Token buckets: a burst, then a steady rate. A refusal is 429 with Retry-After.
/// </summary>
/// <remarks>
/// The client address is the connection's. Behind a reverse proxy every client shares the proxy's
/// address: set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so X-Forwarded-For is honoured.
/// </remarks>
public static class DirectLineRateLimits
{
    private const string Prefix = "/v3/directline";

    public static IServiceCollection AddDirectLineRateLimits(this IServiceCollection services)
    {
        var everything = PartitionedRateLimiter.Create<HttpContext, string>(http => IsDirectLine(http)
            ? RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => Bucket(OptionsOf(http).RequestsBurst, TimeSpan.FromSeconds(1) / OptionsOf(http).RequestsPerSecond))
            : RateLimitPartition.GetNoLimiter(string.Empty));
        var conversations = PartitionedRateLimiter.Create<HttpContext, string>(http => StartsConversation(http) && !BearsSecret(http)
            ? RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => Bucket(OptionsOf(http).NewConversationsBurst, TimeSpan.FromMinutes(1) / OptionsOf(http).NewConversationsPerMinute))
            : RateLimitPartition.GetNoLimiter(string.Empty));
        var posts = PartitionedRateLimiter.Create<HttpContext, string>(http => ConversationPostedTo(http) is { } conversation
            ? RateLimitPartition.GetTokenBucketLimiter(conversation, _ => Bucket(OptionsOf(http).PostsBurst, TimeSpan.FromSeconds(1) / OptionsOf(http).PostsPerSecond))
            : RateLimitPartition.GetNoLimiter(string.Empty));

        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(everything, conversations, posts);
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await RequestBody.Problem(StatusCodes.Status429TooManyRequests, "Too many requests", $"Slow down: try again in {seconds} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(int burst, TimeSpan perToken) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = perToken < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : perToken,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static DirectLineOptions OptionsOf(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;

    /// <summary>A server holding the Direct Line secret vouches for its users and may start conversations for all of them.</summary>
    private static bool BearsSecret(HttpContext http) => DirectLineEndpoints.BearsSecret(http, OptionsOf(http));

    private static bool IsDirectLine(HttpContext http) => http.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every new conversation begins with a token for it (without the secret, the only way to get one).</summary>
    private static bool StartsConversation(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals(Prefix + "/tokens/generate", StringComparison.OrdinalIgnoreCase);

    /// <summary>The conversation a POST of an activity goes to (the token must match it; the endpoint checks).</summary>
    private static string? ConversationPostedTo(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments(Prefix + "/conversations", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return null;
        }

        var parts = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is [var conversation, "activities"] ? conversation : null;
    }

    private static string ClientOf(HttpContext http) => (http.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
}
