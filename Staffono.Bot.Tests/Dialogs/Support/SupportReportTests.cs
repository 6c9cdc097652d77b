using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Support;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs.Support;

/// <summary>
/// The support KPIs: computed from outcome events as the owner reads them, and a second conversation about the
/// same order is counted as a repeat contact.
/// </summary>
public sealed class SupportReportTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static (OutcomeEvent, string?) E(string workflow, string kind, string? detail = null, string conversation = "webchat/a") =>
        (new OutcomeEvent(conversation, workflow, kind, 1, At), detail);

    [Fact]
    public void The_report_counts_shares_medians_and_the_questions_nobody_answered()
    {
        var report = SupportReport.Of(
        [
            E("order_status", "started"), E("order_status", "verified", "10232"), E("order_status", "resolved"),
            E("order_status", "started"), E("order_status", "verified", "10232"), E("order_status", "repeat_contact", "10232: 2"), E("order_status", "handed_off"),
            E("order_status", "started"), E("order_status", "verified", "10233"), E("order_status", "not_resolved"),
            E("order_status", "started"), E("order_status", "abandoned"),
            E("returns", "started"), E("returns", "rma_created", "RMA-10004 Refund 3510; 60 s"),
            E("returns", "started"), E("returns", "rma_created", "RMA-10005 Exchange 0; 180 s"),
            E("returns", "started"), E("returns", "not_eligible", "FinalSale"), E("returns", "disputed", "FinalSale"), E("returns", "handed_off"),
            E("returns", "started"), E("returns", "person_decides", "AboveAmount"), E("returns", "handed_off"),
            E("returns", "refund_completed", "RMA-10004; 172800 s"),
            E("support", "started"), E("support", "unanswered", "Do you sell wigs?"), E("support", "not_resolved"),
            E("support", "started"), E("support", "unanswered", "do you sell wigs?  "), E("support", "not_resolved"),
            E("support", "started"), E("support", "unanswered", "есть ли доставка дроном?"), E("support", "handed_off"),
            E("support", "started"), E("support", "answered", "faq:payment-methods"), E("support", "resolved"),
            E("booking", "started"), E("booking", "resolved"),
        ]);

        Assert.Equal(new WorkflowResolution(4, 1, 1, 1, 1.0 / 3), report.Workflows["order_status"]);
        Assert.Equal(new WorkflowResolution(4, 2, 2, 0, 0.5), report.Workflows["returns"]);
        Assert.Equal(new WorkflowResolution(4, 1, 1, 2, 0.25), report.Workflows["support"]);
        Assert.Equal(1.5, report.ContactsPerOrder);
        Assert.Equal(1, report.RepeatContacts);
        Assert.Equal(120, report.MedianSecondsToRma);
        Assert.Equal(172800, report.MedianRefundCycleSeconds);
        Assert.Equal(1.0 / 4, report.DisputedReturnsShare);
        // One question asked twice in different case and spacing is one line, in its latest wording, most asked first.
        Assert.Equal(["do you sell wigs?", "есть ли доставка дроном?"], report.Unanswered.Select(q => q.Question));
        Assert.Equal([2, 1], report.Unanswered.Select(q => q.Times));
    }

    [Fact]
    public void With_no_events_nothing_is_made_up()
    {
        var report = SupportReport.Of([]);

        Assert.All(report.Workflows.Values, w => Assert.Null(w.ResolvedShare));
        Assert.Null(report.ContactsPerOrder);
        Assert.Null(report.MedianSecondsToRma);
        Assert.Null(report.DisputedReturnsShare);
        Assert.Empty(report.Unanswered);
    }

    [Fact]
    public async Task A_second_conversation_about_the_same_order_is_a_repeat_contact()
    {
        var profile = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        using var folder = new TempFolder();
        var database = folder.File("staffono.db");
        foreach (var conversation in new[] { "first", "second" })
        {
            using var flow = new DialogTestFlow(new MemoryStorage(), "ru-RU", conversation, ChannelIds.Webchat, _ => throw new InvalidOperationException(), TestBot.Factory(profile, clock, database));
            await flow.SendAsync("где мой заказ 10232?");
            Assert.Contains(await flow.SendAsync("+7 916 123-45-67"), r => r.StartsWith("Заказ 10232 в пути", StringComparison.Ordinal));
        }

        var log = new SqliteOutcomeLog(SharedSqliteFile.At(database));
        Assert.DoesNotContain(await log.ReadAsync("webchat/first"), e => e.Event.Kind == "repeat_contact");
        Assert.Contains(await log.ReadAsync("webchat/second"), e => e.Event.Kind == "repeat_contact" && e.Detail == "10232: 2");
    }
}
