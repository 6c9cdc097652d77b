using System.Text.Json;
using Staffono.Skills.Leads;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Leads;

/// <summary>
/// What every <see cref="ILeadStore"/> guarantees: a returning lead is one record whichever of its phone (in any format),
/// e-mail (in any case) or chat it comes back by, and a new contact is a new lead with the next number; a save merges the
/// answers (a newer one wins), adds one history line and keeps what the change leaves null; every save records exactly one
/// webhook event carrying the lead as it was stored; events are claimed once per lease, again after a failure's retry time,
/// never after delivery; and the search finds leads newest first. Each implementation runs this suite through a subclass
/// that says how to open the store.
/// </summary>
public abstract class LeadStoreContract : IDisposable
{
    /// <summary>Tuesday 2026-12-01 09:00 UTC.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly Lazy<ILeadStore> _store;

    protected LeadStoreContract() => _store = new Lazy<ILeadStore>(() => CreateStore());

    private ILeadStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data, as a second process or a restart would.</summary>
    protected abstract ILeadStore CreateStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static LeadChange Change(LeadContact contact, string note, IReadOnlyDictionary<string, string>? answers = null, LeadTier? tier = null, int? score = null, string? summary = null, LeadStage? stage = null, string? project = null) =>
        new(contact, "webchat", note, project, answers, tier, score, summary, stage);

    private static LeadContact Anna(string? phone = "+7 916 123-45-67", string? email = null, string? chat = null) => new("Анна", phone, email, chat);

    [Fact]
    public async Task A_new_contact_is_a_new_lead_numbered_from_1001_with_one_history_line()
    {
        var lead = await Store.SaveAsync(Change(Anna(email: "anna@example.com", chat: "webchat/dl_anna"), "first message", new Dictionary<string, string> { ["project"] = "cleaning" }, project: "cleaning"), T0);

        Assert.Equal("L-1001", lead.Id);
        Assert.Equal(new LeadContact("Анна", "+7 916 123-45-67", "anna@example.com", "webchat/dl_anna"), lead.Contact);
        Assert.Equal(("webchat", "cleaning", LeadStage.New, (LeadTier?)null, (int?)null, string.Empty), (lead.Source, lead.Project, lead.Stage, lead.Tier, lead.Score, lead.Summary));
        Assert.Equal([new LeadHistoryEntry(T0, "first message")], lead.History);
        Assert.Equal((T0, T0), (lead.Created, lead.Updated));

        var found = await CreateStore().FindAsync("L-1001");
        Assert.NotNull(found);
        Assert.Equal(lead.Contact, found.Contact);
        Assert.Equal(lead.History, found.History);
        Assert.Equal(lead.Answers, found.Answers);
        Assert.Null(await Store.FindAsync("L-1002"));
    }

    [Theory]
    [InlineData("+7 916 123-45-67", "89161234567")]
    [InlineData("89161234567", "+7 (916) 123 45 67")]
    [InlineData("+7 916 123-45-67", "9161234567")]
    public async Task A_returning_lead_is_found_by_the_same_phone_in_another_format(string first, string again)
    {
        var created = await Store.SaveAsync(Change(Anna(first), "first"), T0);
        var updated = await Store.SaveAsync(Change(new LeadContact(null, again, null, null), "second"), T0.AddMinutes(5));

        Assert.Equal("L-1001", created.Id);
        Assert.Equal("L-1001", updated.Id);
        Assert.Equal("Анна", updated.Contact.Name);
        Assert.Equal(again, updated.Contact.Phone);
        Assert.Single(await Store.SearchAsync(null, 10));
        Assert.Equal("L-1001", (await Store.FindByContactAsync(new LeadContact(null, first, null, null)))?.Id);
    }

    [Fact]
    public async Task A_returning_lead_is_found_by_the_same_email_in_any_case()
    {
        await Store.SaveAsync(Change(Anna(phone: null, email: "Anna.Petrova@Example.com"), "first"), T0);

        var again = await Store.SaveAsync(Change(new LeadContact(null, null, " anna.petrova@EXAMPLE.COM", null), "second"), T0.AddMinutes(1));

        Assert.Equal("L-1001", again.Id);
        Assert.Equal(2, again.History.Count);
        Assert.Equal("L-1001", (await Store.FindByContactAsync(new LeadContact(null, null, "ANNA.PETROVA@example.com", null)))?.Id);
        Assert.Null(await Store.FindByContactAsync(new LeadContact(null, null, "anna.petrova@example.org", null)));
    }

    [Fact]
    public async Task A_returning_lead_is_found_by_the_same_chat()
    {
        await Store.SaveAsync(Change(new LeadContact("Boris", null, null, "telegram/42"), "first"), T0);

        var again = await Store.SaveAsync(Change(new LeadContact(null, "+7 903 000-11-22", null, "telegram/42"), "gave a phone"), T0.AddMinutes(1));
        var byPhone = await Store.SaveAsync(Change(new LeadContact(null, "8 903 000 11 22", null, "webchat/dl_other"), "came back on the web"), T0.AddMinutes(2));

        Assert.Equal(("L-1001", "Boris", "+7 903 000-11-22"), (again.Id, again.Contact.Name, again.Contact.Phone));
        Assert.Equal("L-1001", byPhone.Id);
        Assert.Null(await Store.FindByContactAsync(new LeadContact(null, null, null, "telegram/43")));
        Assert.Null(await Store.FindByContactAsync(new LeadContact("Boris", null, null, null)));
    }

    [Fact]
    public async Task A_different_contact_is_a_second_lead_with_the_next_number()
    {
        var anna = await Store.SaveAsync(Change(Anna(email: "anna@example.com", chat: "webchat/dl_anna"), "first"), T0);
        var boris = await Store.SaveAsync(Change(new LeadContact("Борис", "+7 903 000-11-22", "boris@example.com", "webchat/dl_boris"), "first"), T0.AddMinutes(1));
        var annaAgain = await Store.SaveAsync(Change(Anna(), "again"), T0.AddMinutes(2));
        var third = await Store.SaveAsync(Change(new LeadContact(null, null, null, "telegram/7"), "first"), T0.AddMinutes(3));

        Assert.Equal(("L-1001", "L-1002", "L-1001", "L-1003"), (anna.Id, boris.Id, annaAgain.Id, third.Id));
        Assert.Equal("Борис", (await Store.FindAsync("L-1002"))?.Contact.Name);
    }

    [Fact]
    public async Task A_phone_or_email_wins_over_a_chat_that_another_lead_has()
    {
        await Store.SaveAsync(Change(new LeadContact("Shared tablet", null, null, "webchat/dl_tablet"), "first"), T0);
        await Store.SaveAsync(Change(Anna(), "first"), T0.AddMinutes(1));

        var found = await Store.FindByContactAsync(new LeadContact(null, "8 916 123 45 67", null, "webchat/dl_tablet"));

        Assert.Equal("L-1002", found?.Id);
    }

    [Fact]
    public async Task A_contact_with_nothing_to_match_by_finds_nothing_and_saves_a_new_lead()
    {
        await Store.SaveAsync(Change(new LeadContact("Анна", null, null, null), "first"), T0);

        Assert.Null(await Store.FindByContactAsync(new LeadContact("Анна", null, null, null)));
        Assert.Equal("L-1002", (await Store.SaveAsync(Change(new LeadContact("Анна", null, null, null), "again"), T0.AddMinutes(1))).Id);
    }

    [Fact]
    public async Task Answers_merge_with_the_newer_winning_and_history_grows_one_line_per_save()
    {
        await Store.SaveAsync(Change(Anna(), "answered: «в Химках, через 2 недели»", new Dictionary<string, string> { ["location"] = "Химки", ["timeline_days"] = "14" }), T0);
        await Store.SaveAsync(Change(Anna(), "answered: «до 30 тысяч»", new Dictionary<string, string> { ["budget"] = "30000" }), T0.AddMinutes(1));
        var lead = await Store.SaveAsync(Change(Anna(), "answered: «лучше через неделю»", new Dictionary<string, string> { ["timeline_days"] = "7" }), T0.AddMinutes(2));

        Assert.Equal(
            [("budget", "30000"), ("location", "Химки"), ("timeline_days", "7")],
            lead.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)));
        Assert.Equal(
            [(T0, "answered: «в Химках, через 2 недели»"), (T0.AddMinutes(1), "answered: «до 30 тысяч»"), (T0.AddMinutes(2), "answered: «лучше через неделю»")],
            lead.History.Select(h => (h.At, h.What)));
        Assert.Equal((T0, T0.AddMinutes(2)), (lead.Created, lead.Updated));

        var stored = await CreateStore().FindAsync("L-1001");
        Assert.Equal(3, stored!.History.Count);
        Assert.Equal("7", stored.Answers["timeline_days"]);
    }

    [Fact]
    public async Task Stage_tier_score_summary_and_project_stay_when_the_change_leaves_them_null()
    {
        await Store.SaveAsync(Change(Anna(), "qualified", tier: LeadTier.A, score: 90, summary: "Cleaning; place: Химки", stage: LeadStage.Qualified, project: "cleaning"), T0);

        var kept = await Store.SaveAsync(Change(Anna(), "sent a photo"), T0.AddMinutes(1));

        Assert.Equal((LeadTier.A, 90, "Cleaning; place: Химки", LeadStage.Qualified, "cleaning"), (kept.Tier!.Value, kept.Score!.Value, kept.Summary, kept.Stage, kept.Project!));

        var moved = await Store.SaveAsync(Change(Anna(), "visit booked", stage: LeadStage.MeetingBooked), T0.AddMinutes(2));

        Assert.Equal((LeadTier.A, 90, LeadStage.MeetingBooked), (moved.Tier!.Value, moved.Score!.Value, moved.Stage));

        var rescored = await Store.SaveAsync(Change(Anna(), "rescored", tier: LeadTier.B, score: 60), T0.AddMinutes(3));
        var stored = await CreateStore().FindAsync("L-1001");

        Assert.Equal((LeadTier.B, 60, LeadStage.MeetingBooked), (rescored.Tier!.Value, rescored.Score!.Value, rescored.Stage));
        Assert.Equal((LeadTier.B, 60, LeadStage.MeetingBooked, "Cleaning; place: Химки"), (stored!.Tier!.Value, stored.Score!.Value, stored.Stage, stored.Summary));
    }

    [Fact]
    public async Task Each_save_records_exactly_one_event_created_first_then_updated()
    {
        await Store.SaveAsync(Change(Anna(), "first"), T0);
        await Store.SaveAsync(Change(Anna(), "second"), T0.AddMinutes(1));
        await Store.SaveAsync(Change(new LeadContact("Борис", "+7 903 000-11-22", null, null), "first"), T0.AddMinutes(2));
        await Store.SaveAsync(Change(Anna(), "third"), T0.AddMinutes(3));

        var anna = await Store.EventsOfAsync("L-1001");
        var boris = await Store.EventsOfAsync("L-1002");

        Assert.Equal([CrmEventTypes.LeadCreated, CrmEventTypes.LeadUpdated, CrmEventTypes.LeadUpdated], anna.Select(e => e.Type));
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(3)], anna.Select(e => e.Created));
        Assert.All(anna, e => Assert.Equal("L-1001", e.LeadId));
        Assert.Equal(3, anna.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(CrmEventTypes.LeadCreated, Assert.Single(boris).Type);
        Assert.All(anna.Concat(boris), e => Assert.Equal((0, (DateTimeOffset?)null, (string?)null), (e.Attempts, e.Delivered, e.LastError)));
        Assert.Empty(await Store.EventsOfAsync("L-1003"));
    }

    [Fact]
    public async Task An_events_body_is_json_with_its_id_type_and_the_lead_as_it_was_stored_then()
    {
        await Store.SaveAsync(Change(Anna(), "first", new Dictionary<string, string> { ["location"] = "Химки" }, project: "cleaning"), T0);
        await Store.SaveAsync(Change(Anna(email: "anna@example.com"), "qualified", new Dictionary<string, string> { ["budget"] = "30000" }, LeadTier.A, 90, "Cleaning; place: Химки", LeadStage.Qualified), T0.AddMinutes(1));

        var events = await Store.EventsOfAsync("L-1001");

        Assert.Equal(2, events.Count);
        using var created = JsonDocument.Parse(events[0].Body);
        using var updated = JsonDocument.Parse(events[1].Body);
        Assert.Equal(events[0].Id, created.RootElement.GetProperty("id").GetString());
        Assert.Equal(events[1].Id, updated.RootElement.GetProperty("id").GetString());
        Assert.Equal("lead.created", created.RootElement.GetProperty("type").GetString());
        Assert.Equal("lead.updated", updated.RootElement.GetProperty("type").GetString());

        var before = created.RootElement.GetProperty("lead");
        Assert.Equal("L-1001", before.GetProperty("id").GetString());
        Assert.Equal("+7 916 123-45-67", before.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("contact").GetProperty("email").ValueKind);
        Assert.Equal("Химки", before.GetProperty("answers").GetProperty("location").GetString());
        Assert.False(before.GetProperty("answers").TryGetProperty("budget", out _));
        Assert.Equal(1, before.GetProperty("history").GetArrayLength());
        Assert.Equal("New", before.GetProperty("stage").GetString());

        var after = updated.RootElement.GetProperty("lead");
        Assert.Equal("L-1001", after.GetProperty("id").GetString());
        Assert.Equal("anna@example.com", after.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal("30000", after.GetProperty("answers").GetProperty("budget").GetString());
        Assert.Equal("Химки", after.GetProperty("answers").GetProperty("location").GetString());
        Assert.Equal(2, after.GetProperty("history").GetArrayLength());
        Assert.Equal("qualified", after.GetProperty("history")[1].GetProperty("what").GetString());
        Assert.Equal(("A", 90, "Qualified"), (after.GetProperty("tier").GetString(), after.GetProperty("score").GetInt32(), after.GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task An_event_is_claimed_once_per_lease_again_after_its_retry_time_and_never_after_delivery()
    {
        await Store.SaveAsync(Change(Anna(), "first"), T0);
        var id = Assert.Single(await Store.EventsOfAsync("L-1001")).Id;

        var first = await Store.ClaimEventsAsync(T0, Lease, 10);
        var withinLease = await CreateStore().ClaimEventsAsync(T0.AddSeconds(59), Lease, 10);
        var afterLease = await Store.ClaimEventsAsync(T0 + Lease, Lease, 10);

        Assert.Equal((id, 1), (Assert.Single(first).Id, first[0].Attempts));
        Assert.Empty(withinLease);
        Assert.Equal((id, 2), (Assert.Single(afterLease).Id, afterLease[0].Attempts));

        // The receiver refused it: not before the retry time, even once the lease has run out; at the retry time, yes.
        var retryAt = T0.AddMinutes(10);
        await Store.MarkFailedAsync(id, retryAt, "HTTP 500");
        Assert.Empty(await Store.ClaimEventsAsync(T0.AddMinutes(5), Lease, 10));
        Assert.Empty(await Store.ClaimEventsAsync(retryAt.AddMilliseconds(-1), Lease, 10));
        var retried = Assert.Single(await Store.ClaimEventsAsync(retryAt, Lease, 10));
        Assert.Equal((id, 3, "HTTP 500"), (retried.Id, retried.Attempts, retried.LastError));

        // Delivered: never again, however late.
        await Store.MarkDeliveredAsync(id, retryAt.AddSeconds(1));
        Assert.Empty(await Store.ClaimEventsAsync(retryAt.AddDays(30), Lease, 10));
        await Store.MarkFailedAsync(id, retryAt.AddDays(1), "late failure report");
        Assert.Empty(await Store.ClaimEventsAsync(retryAt.AddDays(30), Lease, 10));

        var stored = Assert.Single(await Store.EventsOfAsync("L-1001"));
        Assert.Equal((3, (DateTimeOffset?)retryAt.AddSeconds(1), (string?)null), (stored.Attempts, stored.Delivered, stored.LastError));
    }

    [Fact]
    public async Task Only_due_events_are_claimed_oldest_first_up_to_the_limit()
    {
        await Store.SaveAsync(Change(Anna(), "first"), T0);
        await Store.SaveAsync(Change(new LeadContact("Борис", "+7 903 000-11-22", null, null), "first"), T0.AddSeconds(1));
        await Store.SaveAsync(Change(Anna(), "second"), T0.AddSeconds(2));
        await Store.SaveAsync(Change(new LeadContact("Вера", null, "vera@example.com", null), "first"), T0.AddHours(1));

        var two = await Store.ClaimEventsAsync(T0.AddSeconds(2), Lease, 2);
        var rest = await Store.ClaimEventsAsync(T0.AddSeconds(2), Lease, 10);
        foreach (var delivered in two.Concat(rest))
        {
            await Store.MarkDeliveredAsync(delivered.Id, T0.AddSeconds(3));
        }

        var later = await Store.ClaimEventsAsync(T0.AddHours(1), Lease, 10);

        Assert.Equal([("L-1001", CrmEventTypes.LeadCreated), ("L-1002", CrmEventTypes.LeadCreated)], two.Select(e => (e.LeadId, e.Type)));
        Assert.Equal([("L-1001", CrmEventTypes.LeadUpdated)], rest.Select(e => (e.LeadId, e.Type)));
        Assert.Equal([("L-1003", CrmEventTypes.LeadCreated)], later.Select(e => (e.LeadId, e.Type)));
        Assert.All(two.Concat(rest).Concat(later), e => Assert.Equal(1, e.Attempts));
    }

    [Fact]
    public async Task Attempts_count_the_claims()
    {
        await Store.SaveAsync(Change(Anna(), "first"), T0);

        for (var i = 1; i <= 4; i++)
        {
            var claimed = Assert.Single(await Store.ClaimEventsAsync(T0 + (Lease * i), Lease, 10));
            Assert.Equal(i, claimed.Attempts);
        }

        Assert.Equal(4, Assert.Single(await CreateStore().EventsOfAsync("L-1001")).Attempts);
    }

    [Fact]
    public async Task The_search_finds_by_name_phone_email_project_or_summary_newest_first()
    {
        await Store.SaveAsync(Change(new LeadContact("Анна Петрова", "+7 916 123-45-67", null, null), "first", summary: "Cleaning; place: Химки", project: "cleaning"), T0);
        await Store.SaveAsync(Change(new LeadContact("Boris", "+7 903 000-11-22", "boris@example.com", null), "first", summary: "Small repairs; place: Moscow", project: "repair"), T0.AddMinutes(1));
        await Store.SaveAsync(Change(new LeadContact("Мария", null, "maria@example.com", null), "first", summary: "Cleaning; place: Moscow", project: "cleaning"), T0.AddMinutes(2));
        await Store.SaveAsync(Change(new LeadContact(null, "8 916 123 45 67", null, null), "came back"), T0.AddMinutes(3));

        async Task<string[]> Ids(string? text, int limit = 10) => (await Store.SearchAsync(text, limit)).Select(l => l.Id).ToArray();

        Assert.Equal(["L-1001", "L-1003", "L-1002"], await Ids(null));
        Assert.Equal(["L-1001", "L-1003"], await Ids(null, 2));
        Assert.Equal(["L-1001"], await Ids("анна"));
        Assert.Equal(["L-1001"], await Ids("ПЕТРОВА"));
        Assert.Equal(["L-1002"], await Ids("89030001122"));
        Assert.Equal(["L-1002"], await Ids("000-11"));
        Assert.Equal(["L-1003"], await Ids("maria@"));
        Assert.Equal(["L-1001", "L-1003"], await Ids("cleaning"));
        Assert.Equal(["L-1003", "L-1002"], await Ids("moscow"));
        Assert.Equal(["L-1002"], await Ids("L-1002"));
        Assert.Equal(["L-1001", "L-1003", "L-1002"], await Ids("   "));
        Assert.Empty(await Ids("Тверь"));
    }

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_writes()
    {
        var first = CreateStore();
        var second = CreateStore();

        await first.SaveAsync(Change(Anna(), "first"), T0);
        var seen = await second.FindByContactAsync(Anna("89161234567"));
        var updated = await second.SaveAsync(Change(Anna(), "second", new Dictionary<string, string> { ["budget"] = "30000" }), T0.AddMinutes(1));
        var other = await second.SaveAsync(Change(new LeadContact("Борис", "+7 903 000-11-22", null, null), "first"), T0.AddMinutes(2));
        var back = await first.FindAsync("L-1001");

        Assert.Equal("L-1001", seen?.Id);
        Assert.Equal("L-1001", updated.Id);
        Assert.Equal("L-1002", other.Id);
        Assert.Equal("30000", back!.Answers["budget"]);
        Assert.Equal(2, back.History.Count);
        Assert.Equal(["L-1002", "L-1001"], (await first.SearchAsync(null, 10)).Select(l => l.Id));
        Assert.Equal(3, (await first.EventsOfAsync("L-1001")).Count + (await first.EventsOfAsync("L-1002")).Count);
        Assert.Equal(3, (await first.ClaimEventsAsync(T0.AddMinutes(2), Lease, 10)).Count);
        Assert.Empty(await second.ClaimEventsAsync(T0.AddMinutes(2), Lease, 10));
    }
}
