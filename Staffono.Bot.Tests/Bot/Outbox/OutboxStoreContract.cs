using Staffono.Bot.Outbox;
using Staffono.Skills.Outbox;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Outbox;

/// <summary>
/// What every <see cref="IOutboxStore"/> guarantees. Each implementation runs this suite through a subclass
/// that says how to open the store over one shared set of data.
/// </summary>
public abstract class OutboxStoreContract : IDisposable
{
    /// <summary>Tuesday 2026-11-24 10:30 in Moscow.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 7, 30, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly Lazy<IOutboxStore> _store;

    protected OutboxStoreContract() => _store = new Lazy<IOutboxStore>(() => OpenStore());

    private IOutboxStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data.</summary>
    protected abstract IOutboxStore OpenStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static OutboxMessage Message(string key, DateTimeOffset due, string payload = "{}", DateTimeOffset? notAfter = null) =>
        new(key, "booking.reminder", due, notAfter ?? due.AddHours(2), """{"conversation":{"id":"c1"},"channelId":"telegram"}""", "telegram/u1", "ru", payload, Transactional: true);

    private Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(DateTimeOffset now, int limit = 10) => Store.ClaimDueAsync(now, Lease, limit, CancellationToken.None);

    [Fact]
    public async Task A_message_waits_until_it_is_due_and_then_comes_back_whole()
    {
        var inMoscow = new DateTimeOffset(2026, 11, 24, 11, 30, 0, TimeSpan.FromHours(3)).AddTicks(17);
        var message = new OutboxMessage("leads/l-7/follow-up", "leads.follow-up", inMoscow, null, """{"channelId":"facebook"}""", "facebook/p9", "en", """{"leadId":"l-7","note":"Ещё 🙂"}""", Transactional: false);
        await Store.EnqueueAsync(message);

        Assert.Empty(await ClaimAsync(inMoscow.AddTicks(-1)));
        var claimed = Assert.Single(await OpenStore().ClaimDueAsync(inMoscow, Lease, 10, CancellationToken.None));

        Assert.Equal(message, claimed.Message);
        Assert.Equal(1, claimed.Attempt);
        Assert.Equal(("pending", 1, (string?)null, claimed.ActivityId), await Store.FindAsync(message.Key));
        Assert.False(string.IsNullOrEmpty(claimed.ActivityId));
        Assert.Null(await Store.FindAsync("leads/l-7"));
    }

    [Fact]
    public async Task Due_messages_are_claimed_earliest_first_up_to_the_limit()
    {
        foreach (var minutes in new[] { -3, 1, -1, -5, -2, -4 })
        {
            await Store.EnqueueAsync(Message($"m{minutes}", Now.AddMinutes(minutes)));
        }

        Assert.Equal(["m-5", "m-4", "m-3"], (await ClaimAsync(Now, limit: 3)).Select(c => c.Message.Key));
        Assert.Equal(["m-2", "m-1"], (await ClaimAsync(Now, limit: 3)).Select(c => c.Message.Key));
        Assert.Empty(await ClaimAsync(Now));
    }

    [Fact]
    public async Task A_message_past_its_usefulness_is_still_claimed_so_that_it_is_settled_with_the_reason()
    {
        await Store.EnqueueAsync(Message("late", Now.AddHours(-3), notAfter: Now.AddHours(-1)));

        Assert.Equal(["late"], (await ClaimAsync(Now)).Select(c => c.Message.Key));
    }

    [Fact]
    public async Task The_store_gives_a_due_message_to_one_claimant_and_to_the_next_only_after_the_lease()
    {
        await Store.EnqueueAsync(Message("m1", Now));
        using var start = new ManualResetEventSlim();
        var claimants = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return await store.ClaimDueAsync(Now, Lease, 10, CancellationToken.None);
        })).ToList();
        start.Set();
        var claims = await Task.WhenAll(claimants);

        Assert.Equal(1, claims.Sum(c => c.Count));
        Assert.Empty(await ClaimAsync(Now + Lease));
        Assert.Single(await ClaimAsync(Now + Lease + TimeSpan.FromTicks(1)));
        Assert.Empty(await ClaimAsync(Now - TimeSpan.FromTicks(1) + Lease + Lease));
    }

    [Fact]
    public async Task Claimants_on_several_instances_share_out_a_backlog_without_ever_getting_the_same_message()
    {
        var keys = Enumerable.Range(0, 60).Select(i => $"backlog/{i:D2}").ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            await Store.EnqueueAsync(Message(keys[i], Now.AddSeconds(-i)));
        }

        using var start = new ManualResetEventSlim();
        var claimants = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var store = OpenStore();
            var mine = new List<string>();
            start.Wait();
            while (await store.ClaimDueAsync(Now, Lease, 5, CancellationToken.None) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(c => c.Message.Key));
            }

            return mine;
        })).ToList();
        start.Set();
        var claimed = (await Task.WhenAll(claimants)).SelectMany(k => k).ToList();

        Assert.Equal(keys, claimed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unsettled_message_is_claimed_again_after_its_lease_as_the_next_attempt_with_the_same_activity_id()
    {
        await Store.EnqueueAsync(Message("m1", Now));

        var first = Assert.Single(await ClaimAsync(Now));
        var second = Assert.Single(await ClaimAsync(Now + Lease + TimeSpan.FromTicks(1)));
        var third = Assert.Single(await OpenStore().ClaimDueAsync(Now + Lease + Lease + TimeSpan.FromTicks(2), Lease, 10, CancellationToken.None));

        Assert.Equal((1, 2, 3), (first.Attempt, second.Attempt, third.Attempt));
        Assert.Equal([first.ActivityId], new[] { second.ActivityId, third.ActivityId }.Distinct());
        Assert.Equal(3, (await Store.FindAsync("m1"))!.Value.Attempts);
    }

    [Fact]
    public async Task Enqueueing_a_key_again_replaces_the_message_and_starts_it_afresh()
    {
        await Store.EnqueueAsync(Message("booking/b-1/reminder-2h", Now, payload: """{"v":1}"""));
        var old = Assert.Single(await ClaimAsync(Now));

        var replacement = Message("booking/b-1/reminder-2h", Now.AddMinutes(30), payload: """{"v":2}""");
        await OpenStore().EnqueueAsync(replacement);

        var found = (await Store.FindAsync(replacement.Key))!.Value;
        Assert.Equal(("pending", 0, (string?)null), (found.State, found.Attempts, found.Outcome));
        Assert.NotEqual(old.ActivityId, found.ActivityId);                          // a new due time: a new message
        Assert.Empty(await ClaimAsync(Now.AddMinutes(30).AddTicks(-1)));            // the old due time and the old lease are gone
        var claimed = Assert.Single(await ClaimAsync(Now.AddMinutes(30)));
        Assert.Equal((replacement, 1, found.ActivityId), (claimed.Message, claimed.Attempt, claimed.ActivityId));

        // Replaced again while claimed, at the same time: the claim does not hold the new message back.
        var another = replacement with { Payload = """{"v":3}""" };
        await Store.EnqueueAsync(another);
        var reclaimed = Assert.Single(await ClaimAsync(Now.AddMinutes(30)));
        Assert.Equal((another, 1), (reclaimed.Message, reclaimed.Attempt));
        Assert.NotEqual(claimed.ActivityId, reclaimed.ActivityId);                  // new content: a new message
        Assert.Equal(1, await Store.CountAsync("pending"));
    }

    [Fact]
    public async Task A_change_to_any_part_of_a_message_gives_it_a_new_activity_id_and_the_same_message_keeps_its_id()
    {
        var message = new OutboxMessage("booking/b-1/reminder-2h", "booking.reminder", Now, Now.AddHours(2), """{"conversation":{"id":"c1"},"channelId":"telegram"}""", "telegram/u1", "ru", """{"v":1}""", Transactional: true);
        OutboxMessage[] messages =
        [
            message,
            message with { Kind = "booking.follow-up" },
            message with { Due = Now.AddTicks(1) },
            message with { NotAfter = Now.AddHours(2).AddTicks(1) },
            message with { NotAfter = null },
            message with { ConversationReference = """{"conversation":{"id":"c2"},"channelId":"telegram"}""" },
            message with { CustomerKey = "telegram/u2" },
            message with { Language = "en" },
            message with { Payload = """{"v":2}""" },
            message with { Transactional = false },
            // The same characters split differently between two parts.
            message with { CustomerKey = "telegram/u1r", Language = "u" },
        ];

        var ids = new List<string>();
        foreach (var each in messages)
        {
            await Store.EnqueueAsync(each);
            ids.Add((await Store.FindAsync(message.Key))!.Value.ActivityId);
        }

        await OpenStore().EnqueueAsync(message);

        Assert.Equal(ids, ids.Distinct());
        Assert.Equal(ids[0], (await Store.FindAsync(message.Key))!.Value.ActivityId);
    }

    [Fact]
    public async Task No_message_and_an_empty_cancel_prefix_are_refused_and_an_empty_prefix_cancels_nothing()
    {
        await Store.EnqueueAsync(Message("booking/b-1/reminder-2h", Now));

        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.EnqueueAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.CancelAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CancelAsync(""));

        Assert.Equal("pending", (await Store.FindAsync("booking/b-1/reminder-2h"))?.State);
    }

    [Fact]
    public async Task Settling_a_message_that_was_replaced_while_claimed_leaves_the_replacement_to_be_sent()
    {
        foreach (var key in new[] { "sent", "skipped", "postponed" })
        {
            await Store.EnqueueAsync(Message(key, Now, payload: """{"v":1}"""));
        }

        var inFlight = await ClaimAsync(Now);
        // The workflow changes its mind while the dispatcher is still sending (or deciding about) the old messages.
        foreach (var key in new[] { "sent", "skipped", "postponed" })
        {
            await OpenStore().EnqueueAsync(Message(key, Now.AddHours(1), payload: """{"v":2}"""));
        }

        await Store.MarkSentAsync(inFlight.Single(c => c.Message.Key == "sent"), Now.AddSeconds(1), null, CancellationToken.None);
        await Store.MarkSkippedAsync(inFlight.Single(c => c.Message.Key == "skipped"), "no longer useful", CancellationToken.None);
        await Store.PostponeAsync(inFlight.Single(c => c.Message.Key == "postponed"), Now.AddHours(5), "quiet hours", CancellationToken.None);

        Assert.Equal(3, inFlight.Count);
        Assert.Equal(3, await Store.CountAsync("pending"));
        var replacements = await ClaimAsync(Now.AddHours(1));
        Assert.Equal(["postponed", "sent", "skipped"], replacements.Select(c => c.Message.Key).Order(StringComparer.Ordinal));
        Assert.All(replacements, c => Assert.Equal(("""{"v":2}""", 1), (c.Message.Payload, c.Attempt)));
    }

    [Fact]
    public async Task Enqueueing_the_very_message_again_while_it_is_claimed_does_not_send_it_twice()
    {
        var message = Message("booking/b-1/reminder-2h", Now);
        await Store.EnqueueAsync(message);
        var claimed = Assert.Single(await ClaimAsync(Now));

        await OpenStore().EnqueueAsync(message);        // a retried turn scheduling it again

        Assert.Empty(await ClaimAsync(Now));
        await Store.MarkSentAsync(claimed, Now.AddSeconds(1), null, CancellationToken.None);
        Assert.Empty(await ClaimAsync(Now.AddDays(1)));
        Assert.Equal(("sent", 1, (string?)null, claimed.ActivityId), await Store.FindAsync(message.Key));
    }

    [Fact]
    public async Task Instances_enqueueing_one_key_at_once_leave_one_message()
    {
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            await store.EnqueueAsync(Message("booking/b-1/reminder-24h", Now.AddMinutes(-i), payload: $$"""{"writer":{{i}}}"""));
        })).ToList();
        start.Set();
        await Task.WhenAll(writers);

        Assert.Single(await ClaimAsync(Now));
        Assert.Equal(1, await Store.CountAsync("pending"));
    }

    [Fact]
    public async Task A_sent_message_stays_sent_whatever_is_enqueued_or_cancelled_after()
    {
        await Store.EnqueueAsync(Message("booking/b-1/reminder-24h", Now));
        var claimed = Assert.Single(await ClaimAsync(Now));

        await Store.MarkSentAsync(claimed, Now.AddSeconds(2), "CONFIRMED_EVENT_UPDATE", CancellationToken.None);
        await Store.EnqueueAsync(Message("booking/b-1/reminder-24h", Now.AddMinutes(5)));
        await Store.CancelAsync("booking/b-1/");

        Assert.Equal(("sent", 1, (string?)"CONFIRMED_EVENT_UPDATE", claimed.ActivityId), await Store.FindAsync("booking/b-1/reminder-24h"));
        Assert.Empty(await ClaimAsync(Now.AddDays(1)));
        Assert.Equal((1, 1, 0), (await Store.CountSentAsync(), await OpenStore().CountAsync("sent"), await Store.CountAsync("pending")));
    }

    [Fact]
    public async Task A_skipped_message_keeps_its_reason_and_is_never_retried_unless_enqueued_again()
    {
        await Store.EnqueueAsync(Message("leads/l-1/follow-up", Now));
        var claimed = Assert.Single(await ClaimAsync(Now));

        await Store.MarkSkippedAsync(claimed, "the customer opted out", CancellationToken.None);

        Assert.Equal(("skipped", 1, (string?)"the customer opted out", claimed.ActivityId), await Store.FindAsync("leads/l-1/follow-up"));
        Assert.Empty(await ClaimAsync(Now.AddDays(1)));
        Assert.Equal(1, await Store.CountAsync("skipped"));

        await Store.EnqueueAsync(Message("leads/l-1/follow-up", Now.AddDays(1)));
        Assert.Equal(1, Assert.Single(await ClaimAsync(Now.AddDays(1))).Attempt);
    }

    [Fact]
    public async Task A_postponed_message_is_due_again_only_at_its_new_time_and_keeps_the_reason()
    {
        await Store.EnqueueAsync(Message("booking/b-1/reminder-24h", Now));
        await Store.EnqueueAsync(Message("booking/b-2/reminder-24h", Now.AddHours(1)));
        var claimed = Assert.Single(await ClaimAsync(Now));

        await Store.PostponeAsync(claimed, Now.AddHours(2), "quiet hours", CancellationToken.None);

        Assert.Equal(("pending", 1, (string?)"quiet hours", claimed.ActivityId), await Store.FindAsync("booking/b-1/reminder-24h"));
        Assert.Empty(await ClaimAsync(Now + Lease + TimeSpan.FromTicks(1)));
        Assert.Equal(["booking/b-2/reminder-24h"], (await ClaimAsync(Now.AddHours(2).AddTicks(-1))).Select(c => c.Message.Key));
        var again = Assert.Single(await ClaimAsync(Now.AddHours(2)));
        Assert.Equal(("booking/b-1/reminder-24h", 2, claimed.ActivityId), (again.Message.Key, again.Attempt, again.ActivityId));
    }

    [Fact]
    public async Task Cancelling_a_bookings_reminders_leaves_nothing_to_claim_and_keeps_others()
    {
        await Store.EnqueueAsync(Message("booking/a/reminder-24h", Now));
        await Store.EnqueueAsync(Message("booking/ab/reminder-24h", Now));

        await Store.CancelAsync("booking/a/");

        // "booking/a/" is a prefix of one key only: booking "ab" keeps its reminder.
        Assert.Equal(["booking/ab/reminder-24h"], (await ClaimAsync(Now)).Select(m => m.Message.Key));
        Assert.Equal("cancelled", (await Store.FindAsync("booking/a/reminder-24h"))?.State);
    }

    [Fact]
    public async Task A_cancel_prefix_is_plain_text_not_a_pattern()
    {
        await Store.EnqueueAsync(Message("booking/a1/reminder-24h", Now));
        await Store.EnqueueAsync(Message("booking/A/reminder-24h", Now));

        await Store.CancelAsync("booking/a_");
        await Store.CancelAsync("booking/%");
        await Store.CancelAsync("booking/a/");
        await Store.CancelAsync("booking/a1/reminder-24h/");

        Assert.Equal(2, (await ClaimAsync(Now)).Count);
        Assert.Equal(0, await Store.CountAsync("cancelled"));
    }

    [Fact]
    public async Task A_message_cancelled_while_claimed_is_not_claimed_again_and_a_cancelled_one_can_be_scheduled_anew()
    {
        await Store.EnqueueAsync(Message("booking/b-1/reminder-2h", Now));
        await Store.EnqueueAsync(Message("booking/b-1/reminder-24h", Now.AddHours(1)));
        Assert.Single(await ClaimAsync(Now));

        await OpenStore().CancelAsync("booking/b-1/");

        Assert.Empty(await ClaimAsync(Now.AddDays(1)));
        Assert.Equal(2, await Store.CountAsync("cancelled"));
        await Store.EnqueueAsync(Message("booking/b-1/reminder-24h", Now.AddHours(1)));
        var revived = Assert.Single(await ClaimAsync(Now.AddDays(1)));
        Assert.Equal(("booking/b-1/reminder-24h", 1), (revived.Message.Key, revived.Attempt));
    }
}
