using System.Net;
using Microsoft.AspNetCore.Http;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.Connector;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Connector;

public sealed class ConnectorRetryTests
{
    [Fact]
    public async Task A_429_with_retry_after_is_retried_exactly_once_after_the_requested_delay()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "2";
                await context.Response.WriteAsync("""{"error":{"code":"Throttled","message":"slow down"}}""");
                return;
            }

            await context.Response.WriteAsync("""{"id":"ok-1"}""");
        });
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var retryScheduled = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        clock.TimerCreated += due => retryScheduled.TrySetResult(due);
        using var http = new HttpClient();
        var client = new ConnectorClientFactory(http, AnonymousTokenProvider.Instance, clock).Create(server.BaseUri.ToString());

        var sending = client.SendToConversationAsync(ConnectorClientTests.Outgoing("hi"));
        var delay = await retryScheduled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(2), delay);
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.False(sending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("ok-1", response.Id);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_surfaces_as_a_typed_error_with_the_connector_code()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":{"code":"BadArgument","message":"Activity text too long"}}""");
        });
        using var http = new HttpClient();
        var client = new ConnectorClientFactory(http, AnonymousTokenProvider.Instance).Create(server.BaseUri.ToString());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync(ConnectorClientTests.Outgoing("hi")));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("BadArgument", error.ErrorCode);
        Assert.Contains("Activity text too long", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Teams_blocked_by_the_user_is_a_403_with_its_code_and_no_retry()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("""{"error":{"code":"MessageWritesBlocked","message":"Bot is blocked"}}""");
        });
        using var http = new HttpClient();
        var client = new ConnectorClientFactory(http, AnonymousTokenProvider.Instance).Create(server.BaseUri.ToString());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync(ConnectorClientTests.Outgoing("hi")));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("MessageWritesBlocked", error.ErrorCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_then_reported()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var delays = new List<TimeSpan>();
        var scheduled = new SemaphoreSlim(0);
        clock.TimerCreated += due =>
        {
            lock (delays)
            {
                delays.Add(due);
            }

            scheduled.Release();
        };
        using var http = new HttpClient();
        var jitter = new Queue<double>([0.0, 0.5, 0.75]);
        var client = new ConnectorClientFactory(http, AnonymousTokenProvider.Instance, clock, baseDelay: TimeSpan.FromSeconds(1), random: jitter.Dequeue).Create(server.BaseUri.ToString());

        var sending = client.SendToConversationAsync(ConnectorClientTests.Outgoing("hi"));
        for (var retry = 0; retry < ConnectorClientFactory.MaxRetries; retry++)
        {
            Assert.True(await scheduled.WaitAsync(TimeSpan.FromSeconds(10)), $"retry {retry + 1} was never scheduled");
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => sending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1 + ConnectorClientFactory.MaxRetries, server.Requests.Count);
        // 1 s, 2 s, 4 s, each spread by the jitter: the low edge (−20 %), the middle, +10 %.
        Assert.Equal([TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(4400)], delays);
    }
}
