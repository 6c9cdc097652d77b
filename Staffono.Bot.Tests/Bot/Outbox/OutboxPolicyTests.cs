using Staffono.Bot.Hosting;
using Microsoft.Extensions.Options;
using Staffono.Bot.Outbox;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Business;
using Staffono.Skills.Customers;
using Staffono.Skills.Outbox;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Outbox;

/// <summary>The one policy point for proactive messages, rule by rule (the demo salon: Moscow, quiet 22:00–09:00).</summary>
public sealed class OutboxPolicyTests : IDisposable
{
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);   // 12:00 in Moscow
    private readonly TempFolder _folder = new();
    private readonly SqliteContactLog _contacts;

    public OutboxPolicyTests() => _contacts = new SqliteContactLog(SharedSqliteFile.At(_folder.File("s.db")));

    public void Dispose() => _folder.Dispose();

    private OutboxPolicy Policy(Dictionary<string, string>? tags = null) =>
        new(Salon, _contacts, Options.Create(new OutboxOptions { FacebookTags = tags ?? [] }));

    private static OutboxMessage Message(bool transactional = false, DateTimeOffset? notAfter = null, string kind = "leads.follow-up") =>
        new("k", kind, Noon, notAfter, "{}", "c/1", "ru", "{}", transactional);

    [Fact]
    public async Task A_message_past_its_usefulness_is_skipped()
    {
        var decision = await Policy().DecideAsync(Message(notAfter: Noon), "webchat", null, Noon, default);

        Assert.Equal((OutboxVerdict.Skip, "no longer useful"), (decision.Verdict, decision.Reason));
        Assert.Equal(OutboxVerdict.Send, (await Policy().DecideAsync(Message(notAfter: Noon.AddTicks(1)), "webchat", null, Noon, default)).Verdict);
    }

    [Fact]
    public async Task After_an_opt_out_only_transactional_messages_go_and_opting_back_in_restores_the_rest()
    {
        await _contacts.SetOptedOutAsync("c/1", true, Noon);

        var followUp = await Policy().DecideAsync(Message(), "webchat", null, Noon, default);
        var reminder = await Policy().DecideAsync(Message(transactional: true), "webchat", null, Noon, default);
        await _contacts.SetOptedOutAsync("c/1", false, Noon);
        var again = await Policy().DecideAsync(Message(), "webchat", null, Noon, default);

        Assert.Equal((OutboxVerdict.Skip, "the customer opted out"), (followUp.Verdict, followUp.Reason));
        Assert.Equal(OutboxVerdict.Send, reminder.Verdict);
        Assert.Equal(OutboxVerdict.Send, again.Verdict);
    }

    [Fact]
    public async Task Telegram_reaches_only_customers_who_started_the_bot()
    {
        var never = await Policy().DecideAsync(Message(transactional: true), "telegram", null, Noon, default);
        await _contacts.WroteAsync("c/1", Noon.AddDays(-40));
        var started = await Policy().DecideAsync(Message(transactional: true), "telegram", null, Noon, default);

        Assert.Equal((OutboxVerdict.Skip, "telegram: the customer never started the bot"), (never.Verdict, never.Reason));
        Assert.Equal(OutboxVerdict.Send, started.Verdict);
    }

    [Fact]
    public async Task Facebook_allows_24_hours_after_the_customers_last_message_and_later_only_with_an_allowed_tag()
    {
        await _contacts.WroteAsync("c/1", Noon - OutboxPolicy.FacebookWindow);
        var atTheEdge = await Policy().DecideAsync(Message(), "facebook", null, Noon, default);
        var late = await Policy().DecideAsync(Message(), "facebook", null, Noon.AddTicks(1), default);
        var offeredTag = await Policy().DecideAsync(Message(kind: "booking.reminder"), "facebook", "CONFIRMED_EVENT_UPDATE", Noon.AddTicks(1), default);
        var allowed = await Policy(new() { ["booking.reminder"] = "CONFIRMED_EVENT_UPDATE" }).DecideAsync(Message(kind: "booking.reminder"), "facebook", null, Noon.AddTicks(1), default);

        Assert.Equal((OutboxVerdict.Send, null, null), (atTheEdge.Verdict, atTheEdge.Reason, atTheEdge.FacebookTag));
        Assert.Equal((OutboxVerdict.Skip, "facebook: outside the 24-hour window, and this kind has no tag"), (late.Verdict, late.Reason));
        Assert.Equal((OutboxVerdict.Skip, "facebook: outside the 24-hour window, and the tag CONFIRMED_EVENT_UPDATE is not allowed for this page (Outbox:FacebookTags)"), (offeredTag.Verdict, offeredTag.Reason));
        // The reason is what the outbox records for the send: that it went with a tag, and which.
        Assert.Equal((OutboxVerdict.Send, "CONFIRMED_EVENT_UPDATE", "facebook tag CONFIRMED_EVENT_UPDATE"), (allowed.Verdict, allowed.FacebookTag, allowed.Reason));
    }

    [Fact]
    public async Task No_message_is_refused() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => Policy().DecideAsync(null!, "webchat", null, Noon, default));

    [Fact]
    public async Task Facebook_never_written_by_the_customer_is_outside_the_window()
    {
        var decision = await Policy().DecideAsync(Message(), "facebook", null, Noon, default);

        Assert.Equal(OutboxVerdict.Skip, decision.Verdict);
    }

    [Theory]
    [InlineData(22, 0, true)]
    [InlineData(21, 59, false)]
    [InlineData(3, 0, true)]
    [InlineData(8, 59, true)]
    [InlineData(9, 0, false)]
    public async Task Quiet_hours_postpone_to_their_end_in_the_business_time_zone(int hour, int minute, bool quiet)
    {
        var at = new DateTimeOffset(2026, 11, 24, hour, minute, 0, TimeSpan.FromHours(3));

        var decision = await Policy().DecideAsync(Message(transactional: true), "webchat", null, at, default);

        var nextNine = new DateTimeOffset(2026, 11, hour >= 22 ? 25 : 24, 9, 0, 0, TimeSpan.FromHours(3));
        Assert.Equal(quiet ? (OutboxVerdict.Postpone, "quiet hours", (DateTimeOffset?)nextNine) : (OutboxVerdict.Send, null, null), (decision.Verdict, decision.Reason, decision.Until));
    }

    [Fact]
    public async Task Quiet_hours_that_outlast_the_messages_use_drop_it()
    {
        var tenPm = new DateTimeOffset(2026, 11, 24, 22, 30, 0, TimeSpan.FromHours(3));

        var decision = await Policy().DecideAsync(Message(notAfter: new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(3))), "webchat", null, tenPm, default);

        Assert.Equal((OutboxVerdict.Skip, "quiet hours last until it is no longer useful"), (decision.Verdict, decision.Reason));
    }
}
