using System.Diagnostics;
using Microsoft.Extensions.Options;
using Staffono.Bot.Outbox;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Outbox;

/// <summary>
/// The limits limit. The buckets refill on real time (System.Threading.RateLimiting has no clock to inject), so
/// "waits" is shown by a wait that has not completed yet, and "then goes" by awaiting it with a generous deadline.
/// </summary>
public sealed class OutboxRateLimitsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static OutboxRateLimits Limits(Dictionary<string, double> perSecond, Dictionary<string, double> perChat) =>
        new(Options.Create(new OutboxOptions { PerSecond = perSecond, PerChatPerSecond = perChat }));

    [Fact]
    public async Task One_a_second_per_chat_holds_the_next_send_to_that_chat_while_another_chat_goes()
    {
        using var limits = Limits([], new() { ["telegram"] = 1 });

        var first = limits.WaitAsync("telegram", "chat-1", CancellationToken.None);
        var second = limits.WaitAsync("telegram", "chat-1", CancellationToken.None);
        var otherChat = limits.WaitAsync("telegram", "chat-2", CancellationToken.None);
        var otherChannel = limits.WaitAsync("facebook", "chat-1", CancellationToken.None);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        Assert.True(otherChat.IsCompletedSuccessfully);
        Assert.True(otherChannel.IsCompletedSuccessfully);
        await second.AsTask().WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_channel_limit_of_n_a_second_lets_n_through_across_its_chats_and_queues_the_next()
    {
        using var limits = Limits(new() { ["msteams"] = 3 }, []);

        var sends = Enumerable.Range(0, 4).Select(i => limits.WaitAsync("msteams", $"chat-{i}", CancellationToken.None).AsTask()).ToList();

        Assert.All(sends.Take(3), s => Assert.True(s.IsCompletedSuccessfully));
        Assert.False(sends[3].IsCompleted);
        await sends[3].WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_rate_below_one_a_second_spaces_sends_by_its_inverse()
    {
        using var limits = Limits([], new() { ["telegram"] = 0.5 });
        var clock = Stopwatch.StartNew();

        var first = limits.WaitAsync("telegram", "chat-1", CancellationToken.None);
        var second = limits.WaitAsync("telegram", "chat-1", CancellationToken.None).AsTask();

        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        await second.WaitAsync(Deadline);
        // Half a send a second is one every two seconds (a timer may fire a little early, never a second early).
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), Deadline);
    }

    [Fact]
    public void A_channel_without_limits_never_waits()
    {
        using var limits = Limits(new() { ["telegram"] = 1 }, new() { ["telegram"] = 1 });

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(limits.WaitAsync("webchat", "chat-1", CancellationToken.None).IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task A_waiting_send_ends_when_its_token_is_cancelled()
    {
        // One send every 100 s: nothing refills during the test. A dispatcher shutting down must not wait that out.
        using var limits = Limits([], new() { ["telegram"] = 0.01 });
        await limits.WaitAsync("telegram", "chat-1", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = limits.WaitAsync("telegram", "chat-1", cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Disposing_fails_the_sends_still_waiting_for_a_chat_or_a_channel()
    {
        // One send every 100 s: nothing refills during the test, so only disposing ends the waits.
        var limits = Limits(new() { ["facebook"] = 0.01 }, new() { ["telegram"] = 0.01 });
        await limits.WaitAsync("telegram", "chat-1", CancellationToken.None);
        await limits.WaitAsync("facebook", "chat-1", CancellationToken.None);
        var chatWaiting = limits.WaitAsync("telegram", "chat-1", CancellationToken.None).AsTask();
        var channelWaiting = limits.WaitAsync("facebook", "chat-2", CancellationToken.None).AsTask();
        Assert.False(chatWaiting.IsCompleted);
        Assert.False(channelWaiting.IsCompleted);

        limits.Dispose();

        // A send the limiter let go without a permit would break the channel's limits: it fails instead.
        foreach (var waiting in new[] { chatWaiting, channelWaiting })
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting.WaitAsync(Deadline));
            Assert.Equal("The outbox rate limiter refused a send it should have queued.", refused.Message);
        }
    }
}
