using Staffono.Skills.Analytics;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Analytics;

/// <summary>
/// What every <see cref="IOutcomeLog"/> guarantees. Each implementation runs this suite through a subclass
/// that says how to open the log over one shared set of data.
/// </summary>
public abstract class OutcomeLogContract : IDisposable
{
    /// <summary>Tuesday 2026-11-24 10:30 in Moscow.</summary>
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 7, 30, 0, TimeSpan.Zero);

    private readonly Lazy<IOutcomeLog> _log;

    protected OutcomeLogContract() => _log = new Lazy<IOutcomeLog>(() => OpenLog());

    private IOutcomeLog Log => _log.Value;

    /// <summary>A log over this test's data; every call opens another instance over the same data.</summary>
    protected abstract IOutcomeLog OpenLog();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static OutcomeEvent Event(string kind, int messages, DateTimeOffset at, string conversation = "webchat/conv-1", string workflow = "booking") =>
        new(conversation, workflow, kind, messages, at);

    [Fact]
    public async Task A_conversation_s_events_come_back_whole_in_the_order_they_were_recorded()
    {
        var inMoscow = new DateTimeOffset(2026, 11, 24, 10, 31, 0, TimeSpan.FromHours(3)).AddTicks(42);
        (OutcomeEvent, string?)[] recorded =
        [
            (Event(OutcomeKinds.Started, 1, Morning), null),
            (Event(OutcomeKinds.SlotsOffered, 1, Morning), null),                          // the same moment as the start
            (Event(OutcomeKinds.Booked, 3, inMoscow), "b-12"),
            (Event(OutcomeKinds.HandedOff, 4, Morning.AddSeconds(-1), workflow: "returns"), "Хочу поговорить с человеком 🙏"),   // a clock set back
        ];

        foreach (var (outcome, detail) in recorded)
        {
            await Log.RecordAsync(outcome, detail);
        }

        Assert.Equal(recorded, await Log.ReadAsync("webchat/conv-1"));
        Assert.Equal(recorded, await OpenLog().ReadAsync("webchat/conv-1"));
    }

    [Fact]
    public async Task A_report_reads_the_named_workflows_events_since_a_moment_across_conversations_oldest_first()
    {
        await Log.RecordAsync(Event(OutcomeKinds.Started, 1, Morning.AddDays(-1), "webchat/a", "returns"));
        await Log.RecordAsync(Event(OutcomeKinds.Started, 1, Morning, "webchat/b", "returns"));
        await Log.RecordAsync(Event(OutcomeKinds.Started, 1, Morning, "webchat/c", "booking"));
        await Log.RecordAsync(Event("rma_created", 5, Morning.AddMinutes(3), "webchat/b", "returns"), "RMA-10001 Refund 3900; 180 s");
        await Log.RecordAsync(Event("answered", 1, Morning.AddMinutes(4), "telegram/d", "support"), "faq:payment-methods");

        var report = await OpenLog().ReadWorkflowsAsync(["returns", "support"], Morning);

        Assert.Equal(
            [
                (Event(OutcomeKinds.Started, 1, Morning, "webchat/b", "returns"), (string?)null),
                (Event("rma_created", 5, Morning.AddMinutes(3), "webchat/b", "returns"), "RMA-10001 Refund 3900; 180 s"),
                (Event("answered", 1, Morning.AddMinutes(4), "telegram/d", "support"), "faq:payment-methods"),
            ],
            report);
        Assert.Empty(await Log.ReadWorkflowsAsync([], Morning.AddDays(-7)));
    }

    [Fact]
    public async Task A_conversation_reads_only_its_own_events_and_an_unknown_one_reads_none()
    {
        await Log.RecordAsync(Event(OutcomeKinds.Started, 1, Morning, "webchat/conv-1"));
        await Log.RecordAsync(Event(OutcomeKinds.Started, 1, Morning, "webchat/conv-10"));
        await Log.RecordAsync(Event(OutcomeKinds.Abandoned, 2, Morning.AddHours(1), "telegram/conv-1"), "timeout");

        Assert.Equal([(Event(OutcomeKinds.Started, 1, Morning, "webchat/conv-1"), (string?)null)], await Log.ReadAsync("webchat/conv-1"));
        Assert.Equal([(Event(OutcomeKinds.Abandoned, 2, Morning.AddHours(1), "telegram/conv-1"), (string?)"timeout")], await Log.ReadAsync("telegram/conv-1"));
        Assert.Empty(await Log.ReadAsync("webchat/conv"));
        Assert.Empty(await Log.ReadAsync("WEBCHAT/CONV-1"));
    }

    [Fact]
    public async Task The_same_event_recorded_twice_is_two_events()
    {
        await Log.RecordAsync(Event(OutcomeKinds.SlotsOffered, 2, Morning), "3 slots");
        await Log.RecordAsync(Event(OutcomeKinds.SlotsOffered, 2, Morning), "3 slots");

        Assert.Equal(2, (await Log.ReadAsync("webchat/conv-1")).Count);
    }

    [Fact]
    public async Task Recorders_on_several_instances_at_once_lose_nothing_and_keep_each_one_s_order()
    {
        using var start = new ManualResetEventSlim();
        var recorders = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var log = OpenLog();
            start.Wait();
            for (var step = 0; step < 5; step++)
            {
                await log.RecordAsync(Event(OutcomeKinds.Started, step, Morning, workflow: $"w{i}"), $"{i}/{step}");
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(recorders);

        var events = await Log.ReadAsync("webchat/conv-1");
        Assert.Equal(40, events.Count);
        for (var i = 0; i < 8; i++)
        {
            // Each recorder's events in the order it recorded them, whatever came in between.
            Assert.Equal(Enumerable.Range(0, 5).Select(step => $"{i}/{step}"), events.Where(e => e.Event.Workflow == $"w{i}").Select(e => e.Detail));
        }
    }
}
