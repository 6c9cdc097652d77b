using Staffono.Skills.Handoff;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Handoff;

/// <summary>
/// What every <see cref="IHandoffStore"/> guarantees. Each implementation runs this suite through a subclass
/// that says how to open the store over one shared set of data.
/// </summary>
public abstract class HandoffStoreContract : IDisposable
{
    private readonly Lazy<IHandoffStore> _store;

    protected HandoffStoreContract() => _store = new Lazy<IHandoffStore>(() => OpenStore());

    private IHandoffStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data, as a restart would.</summary>
    protected abstract IHandoffStore OpenStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static HandoffRecord Request(string conversation, string reason) => new(
        "ignored", conversation, "{\"conversation\":{\"id\":\"c\"}}", "webchat/u1", "Анна", "ru", "booking", reason,
        new Dictionary<string, string> { ["service"] = "Стрижка", ["wanted"] = "2026-11-27" },
        [new TranscriptLine(true, "Срочно 🙏", DateTimeOffset.UnixEpoch), new TranscriptLine(false, "Передал", DateTimeOffset.UnixEpoch.AddSeconds(1))],
        new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Requests_get_short_numbered_ids_and_come_back_whole_after_a_restart()
    {
        var first = await OpenStore().CreateAsync(Request("webchat/a", "urgent"));
        var second = await OpenStore().CreateAsync(Request("webchat/b", "vip"));

        Assert.Equal(("H-1", "H-2"), (first.Id, second.Id));
        var reopened = OpenStore();
        var found = await reopened.FindAsync("H-1");
        Assert.NotNull(found);
        Assert.Equal(Request("webchat/a", "urgent") with { Id = "H-1", Fields = found.Fields, Transcript = found.Transcript }, found);
        Assert.Equal(Request("x", "y").Fields, found.Fields);
        Assert.Equal(Request("x", "y").Transcript, found.Transcript);
        Assert.Equal(["vip"], (await reopened.OfConversationAsync("webchat/b")).Select(r => r.Reason));
    }

    [Theory]
    [InlineData("H-3")]
    [InlineData("H-")]
    [InlineData("H--1")]
    [InlineData("h-1")]
    [InlineData("1")]
    [InlineData("")]
    public async Task An_id_that_names_no_request_finds_nothing(string id)
    {
        await Store.CreateAsync(Request("webchat/a", "urgent"));

        Assert.Null(await Store.FindAsync(id));
    }

    [Fact]
    public async Task A_request_with_nothing_collected_comes_back_empty_not_missing()
    {
        var bare = Request("telegram/t", "no reason given") with { CustomerName = null, Language = "en", Fields = new Dictionary<string, string>(), Transcript = [] };

        var stored = await Store.CreateAsync(bare);
        var found = (await OpenStore().FindAsync(stored.Id))!;

        Assert.Equal(bare with { Id = stored.Id, Fields = found.Fields, Transcript = found.Transcript }, found);
        Assert.Empty(found.Fields);
        Assert.Empty(found.Transcript);
    }

    [Fact]
    public async Task A_conversation_s_requests_come_oldest_first_and_only_its_own()
    {
        await Store.CreateAsync(Request("webchat/a", "first"));
        await Store.CreateAsync(Request("webchat/ab", "elsewhere"));
        await OpenStore().CreateAsync(Request("webchat/a", "second"));
        await Store.CreateAsync(Request("webchat/a", "third"));

        Assert.Equal([("H-1", "first"), ("H-3", "second"), ("H-4", "third")], (await Store.OfConversationAsync("webchat/a")).Select(r => (r.Id, r.Reason)));
        Assert.Empty(await Store.OfConversationAsync("webchat/"));
        Assert.Empty(await Store.OfConversationAsync("webchat/nobody"));
    }

    [Fact]
    public async Task Requests_stored_on_several_instances_at_once_each_get_their_own_next_number()
    {
        using var start = new ManualResetEventSlim();
        var creators = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return await store.CreateAsync(Request($"webchat/c{i}", $"reason {i}"));
        })).ToList();
        start.Set();
        var created = await Task.WhenAll(creators);

        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"H-{n}"), created.Select(r => r.Id).Order(StringComparer.Ordinal));
        foreach (var request in created)
        {
            Assert.Equal(request.Reason, (await Store.FindAsync(request.Id))!.Reason);
        }
    }

    private static readonly DateTimeOffset At = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_ticket_is_stored_waiting_with_its_priority_claim_by_time_and_summary_and_its_creation_audited()
    {
        var created = await Store.CreateAsync(Request("webchat/a", "urgent") with
        {
            Priority = HandoffPriority.Urgent, ClaimBy = At.AddMinutes(5), Summary = "Анна хочет стрижку", Contact = "+79161234567", State = HandoffState.Closed, Intent = "Booking",
        });

        var found = (await OpenStore().FindAsync(created.Id))!;
        Assert.Equal((HandoffState.Waiting, HandoffPriority.Urgent, At.AddMinutes(5), "Анна хочет стрижку", "+79161234567"), (found.State, found.Priority, found.ClaimBy, found.Summary, found.Contact));
        Assert.True(found.IsOpen);
        Assert.Equal("Booking", found.Intent);
        Assert.Equal([("bot", "created", "urgent")], (await Store.AuditAsync(created.Id)).Select(a => (a.Actor, a.Action, a.Detail)));
    }

    [Fact]
    public async Task Of_eight_people_claiming_a_ticket_at_once_exactly_one_gets_it_and_the_others_learn_who()
    {
        var ticket = await Store.CreateAsync(Request("webchat/a", "help"));
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return (Name: $"operator {i}", Result: await store.ClaimAsync(ticket.Id, $"operator {i}", At.AddMinutes(i)));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(claims);

        var winner = Assert.Single(results, r => r.Result.Outcome == ClaimOutcome.Claimed);
        Assert.All(results.Where(r => r != winner), r =>
        {
            Assert.Equal(ClaimOutcome.ClaimedByAnother, r.Result.Outcome);
            Assert.Equal(winner.Name, r.Result.Ticket!.ClaimedBy);
        });
        var found = (await Store.FindAsync(ticket.Id))!;
        Assert.Equal((HandoffState.Claimed, winner.Name), (found.State, found.ClaimedBy));
        Assert.Single(await Store.AuditAsync(ticket.Id), a => a.Action == "claimed");
    }

    [Fact]
    public async Task Claiming_one_s_own_ticket_again_changes_nothing_and_a_finished_or_unknown_ticket_cannot_be_claimed()
    {
        var ticket = await Store.CreateAsync(Request("webchat/a", "help"));
        await Store.ClaimAsync(ticket.Id, "Anna", At);

        var again = await Store.ClaimAsync(ticket.Id, "Anna", At.AddMinutes(3));
        Assert.Equal((ClaimOutcome.AlreadyYours, At), (again.Outcome, again.Ticket!.ClaimedAt!.Value));
        await Store.FinishAsync(ticket.Id, HandoffState.Closed, "Anna", At.AddMinutes(4));
        Assert.Equal(ClaimOutcome.Finished, (await Store.ClaimAsync(ticket.Id, "Boris", At.AddMinutes(5))).Outcome);
        Assert.Equal((ClaimOutcome.NotFound, null), await Store.ClaimAsync("H-99", "Boris", At));
        Assert.Equal(ClaimOutcome.NotFound, (await Store.ClaimAsync("H-01", "Boris", At)).Outcome);
    }

    [Theory]
    [InlineData(HandoffState.Closed, "closed")]
    [InlineData(HandoffState.Returned, "returned")]
    [InlineData(HandoffState.Withdrawn, "withdrawn")]
    public async Task A_ticket_finishes_once_and_says_how_and_who(HandoffState how, string action)
    {
        var ticket = await Store.CreateAsync(Request("webchat/a", "help"));
        if (how != HandoffState.Withdrawn)
        {
            await Store.ClaimAsync(ticket.Id, "Anna", At);
        }

        var finished = await Store.FinishAsync(ticket.Id, how, "Anna", At.AddMinutes(7));
        var twice = await OpenStore().FinishAsync(ticket.Id, HandoffState.Closed, "Boris", At.AddMinutes(8));

        Assert.Equal((how, At.AddMinutes(7), false), (finished!.State, finished.FinishedAt!.Value, finished.IsOpen));
        Assert.Null(twice);
        Assert.Equal(
            how == HandoffState.Withdrawn ? [("bot", "created"), ("Anna", action)] : [("bot", "created"), ("Anna", "claimed"), ("Anna", action)],
            (await Store.AuditAsync(ticket.Id)).Select(a => (a.Actor, a.Action)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.FinishAsync(ticket.Id, HandoffState.Claimed, "Anna", At));
    }

    [Fact]
    public async Task Messages_added_later_follow_the_transcript_and_the_first_operator_line_is_the_first_reply()
    {
        var ticket = await Store.CreateAsync(Request("webchat/a", "help"));

        await Store.AppendAsync(ticket.Id, new TranscriptLine(true, "Вы тут?", At));
        var replied = await OpenStore().AppendAsync(ticket.Id, new TranscriptLine(false, "Да, Анна на связи", At.AddMinutes(2), "Anna"));
        var later = await Store.AppendAsync(ticket.Id, new TranscriptLine(false, "Записала вас", At.AddMinutes(5), "Anna"));

        Assert.Equal(At.AddMinutes(2), replied!.FirstReplyAt);
        Assert.Equal(At.AddMinutes(2), later!.FirstReplyAt);
        Assert.Equal(["Срочно 🙏", "Передал", "Вы тут?", "Да, Анна на связи", "Записала вас"], later.Transcript.Select(l => l.Text));
        Assert.Equal("Anna", later.Transcript[^1].Operator);
        Assert.Null(await Store.AppendAsync("H-7", new TranscriptLine(true, "x", At)));
    }

    [Fact]
    public async Task A_long_conversation_keeps_its_last_lines()
    {
        var ticket = await Store.CreateAsync(Request("webchat/a", "help"));
        for (var i = 0; i < IHandoffStore.MaxTranscriptLines + 5; i++)
        {
            await Store.AppendAsync(ticket.Id, new TranscriptLine(true, $"line {i}", At));
        }

        var found = (await Store.FindAsync(ticket.Id))!;
        Assert.Equal(IHandoffStore.MaxTranscriptLines, found.Transcript.Count);
        Assert.Equal($"line {IHandoffStore.MaxTranscriptLines + 4}", found.Transcript[^1].Text);
    }

    [Fact]
    public async Task Waiting_tickets_past_their_claim_by_time_are_due_once()
    {
        var late = await Store.CreateAsync(Request("webchat/a", "late") with { ClaimBy = At });
        var early = await Store.CreateAsync(Request("webchat/b", "not yet") with { ClaimBy = At.AddMinutes(10) });
        var taken = await Store.CreateAsync(Request("webchat/c", "taken") with { ClaimBy = At });
        await Store.ClaimAsync(taken.Id, "Anna", At);

        Assert.Equal([late.Id], (await Store.DueForEscalationAsync(At)).Select(t => t.Id));
        Assert.True(await Store.MarkEscalatedAsync(late.Id, At.AddSeconds(1)));
        Assert.False(await OpenStore().MarkEscalatedAsync(late.Id, At.AddSeconds(2)));
        Assert.False(await Store.MarkEscalatedAsync(taken.Id, At));
        Assert.Equal([early.Id], (await Store.DueForEscalationAsync(At.AddMinutes(10))).Select(t => t.Id));
        Assert.Equal(At.AddSeconds(1), (await Store.FindAsync(late.Id))!.EscalatedAt);
    }

    [Fact]
    public async Task The_list_has_open_tickets_first_then_those_finished_since_and_a_ticket_is_found_by_its_operators_thread()
    {
        var old = await Store.CreateAsync(Request("webchat/a", "old"));
        var recent = await Store.CreateAsync(Request("webchat/b", "recent"));
        var open = await Store.CreateAsync(Request("webchat/c", "open"));
        await Store.FinishAsync(old.Id, HandoffState.Closed, "Anna", At.AddHours(-30));
        await Store.FinishAsync(recent.Id, HandoffState.Returned, "Anna", At.AddHours(-1));
        await Store.SetOperatorThreadAsync(open.Id, "19:abc@thread.tacv2;messageid=17", "{\"conversation\":{\"id\":\"19:abc@thread.tacv2;messageid=17\"}}", "17");
        await Store.SetContactAsync(open.Id, "anna@example.com", At);

        Assert.Equal([open.Id, recent.Id], (await Store.ListAsync(At.AddHours(-24))).Select(t => t.Id));
        var byThread = (await OpenStore().FindByThreadAsync("19:abc@thread.tacv2;messageid=17"))!;
        Assert.Equal((open.Id, "17", "anna@example.com"), (byThread.Id, byThread.CardActivityId, byThread.Contact));
        Assert.Null(await Store.FindByThreadAsync("19:abc@thread.tacv2"));
        Assert.Contains(await Store.AuditAsync(open.Id), a => a is { Actor: "customer", Action: "contact_left", Detail: "anna@example.com" });
    }

    [Fact]
    public async Task A_conversation_s_open_ticket_is_its_newest_waiting_or_claimed_one()
    {
        var first = await Store.CreateAsync(Request("webchat/a", "first"));
        await Store.FinishAsync(first.Id, HandoffState.Closed, "Anna", At);
        Assert.Null(await Store.OpenOfConversationAsync("webchat/a"));

        var second = await Store.CreateAsync(Request("webchat/a", "second"));
        await Store.CreateAsync(Request("webchat/b", "elsewhere"));
        Assert.Equal(second.Id, (await OpenStore().OpenOfConversationAsync("webchat/a"))!.Id);
        await Store.ClaimAsync(second.Id, "Anna", At);
        Assert.Equal((second.Id, HandoffState.Claimed), ((await Store.OpenOfConversationAsync("webchat/a"))!.Id, (await Store.OpenOfConversationAsync("webchat/a"))!.State));
        Assert.Null(await Store.OpenOfConversationAsync("webchat/"));
    }

    [Fact]
    public async Task The_customer_can_withdraw_only_while_nobody_has_the_ticket()
    {
        var taken = await Store.CreateAsync(Request("webchat/a", "help"));
        var waiting = await Store.CreateAsync(Request("webchat/b", "help"));
        await Store.ClaimAsync(taken.Id, "Anna", At);

        Assert.Null(await Store.FinishAsync(taken.Id, HandoffState.Withdrawn, "customer", At.AddSeconds(1)));
        Assert.Equal((HandoffState.Claimed, "Anna"), ((await Store.FindAsync(taken.Id))!.State, (await Store.FindAsync(taken.Id))!.ClaimedBy));
        Assert.Equal(HandoffState.Withdrawn, (await Store.FinishAsync(waiting.Id, HandoffState.Withdrawn, "customer", At))!.State);
    }

    [Fact]
    public async Task Notes_go_into_the_audit_in_order()
    {
        var ticket = await Store.CreateAsync(Request("webchat/a", "help"));
        await Store.NoteAsync(ticket.Id, new HandoffAuditEntry(At, "bot", "teams_refused", "403 MessageWritesBlocked"));
        await Store.NoteAsync("H-42", new HandoffAuditEntry(At, "bot", "lost", null));

        Assert.Equal(["created", "teams_refused"], (await OpenStore().AuditAsync(ticket.Id)).Select(a => a.Action));
        Assert.Empty(await Store.AuditAsync("H-42"));
    }
}
