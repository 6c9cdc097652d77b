using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Handoff;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Handoff;
using Staffono.Skills.Outbox;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs.Handoff;

/// <summary>
/// Handoffs as the bot composes them, with a test clock: escalation of a ticket nobody takes (its window starting
/// when the business opens), and the Bot Framework handoff protocol's events for an agent hub.
/// </summary>
public sealed class HandoffFlowTests : IDisposable
{
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
    private readonly TempFolder _folder = new();
    private readonly RecordingOutbox _outbox = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task At_night_the_claim_window_starts_when_the_salon_opens_and_escalation_then_tells_the_customer_the_wait()
    {
        // Tuesday 24 November, 22:30 in Moscow; the first shift on Wednesday starts at 09:00.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 19, 30, 0, TimeSpan.Zero));
        var (flow, services) = Flow(clock, new HandoffOptions());
        using var _ = flow;
        await flow.SendAsync("позовите оператора");
        var escalation = services.GetRequiredService<HandoffEscalation>();

        var ticket = (await services.GetRequiredService<IHandoffStore>().FindAsync("H-1"))!;
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 6, 10, 0, TimeSpan.Zero), ticket.ClaimBy);
        clock.Advance(new DateTimeOffset(2026, 11, 25, 6, 9, 0, TimeSpan.Zero) - clock.GetUtcNow());
        Assert.Equal(0, await escalation.RunOnceAsync(clock.GetUtcNow()));
        Assert.Empty(_outbox.Messages);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await escalation.RunOnceAsync(clock.GetUtcNow()));
        Assert.Equal(0, await escalation.RunOnceAsync(clock.GetUtcNow()));

        // No Teams thread, so no backup ping: the customer's message only, sent now, transactional.
        var wait = Assert.Single(_outbox.Messages);
        Assert.Equal(("handoff/H-1/wait", HandoffEscalation.WaitKind, clock.GetUtcNow(), true, "ru"), (wait.Key, wait.Kind, wait.Due, wait.Transactional, wait.Language));
        Assert.Equal(ticket.ConversationReference, wait.ConversationReference);
        var renderer = services.GetServices<Staffono.Dialogs.Workflows.IOutboxRenderer>().Single(r => r.Kind == HandoffEscalation.WaitKind);
        Assert.Equal("Извините за ожидание: все операторы пока заняты. Заявка H-1 в работе первой очередью, ответим здесь примерно в течение 10 мин.", (await renderer.RenderAsync(wait, default))!.Text);
        var events = await services.GetRequiredService<IOutcomeLog>().ReadAsync("webchat/conv-1");
        Assert.Equal(("handoff", "sla_missed", "H-1"), (events[^1].Event.Workflow, events[^1].Event.Kind, events[^1].Detail));

        // Once someone has it, the queued message is no longer worth sending.
        await services.GetRequiredService<IHandoffStore>().ClaimAsync("H-1", "Anna", clock.GetUtcNow());
        Assert.Null(await renderer.RenderAsync(wait, default));
    }

    [Fact]
    public async Task The_claim_window_counts_only_open_time()
    {
        var sla = new HandoffSla(new OpeningHours(Salon), TimeSpan.FromMinutes(10));
        var moscow = TimeSpan.FromHours(3);

        // Tuesday 19:55: Marina works until 20:00 on Arbat; five minutes then, five more from Wednesday 09:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 5, 0, moscow), sla.ClaimBy(new DateTimeOffset(2026, 11, 24, 19, 55, 0, moscow), HandoffPriority.Normal));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 14, 15, 0, moscow), sla.ClaimBy(new DateTimeOffset(2026, 11, 24, 14, 5, 0, moscow), HandoffPriority.Normal));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 14, 10, 0, moscow), sla.ClaimBy(new DateTimeOffset(2026, 11, 24, 14, 5, 0, moscow), HandoffPriority.Urgent));
        // New Year's Eve after closing: the holidays pass, Sunday 3 January opens at 10:00.
        Assert.Equal(new DateTimeOffset(2027, 1, 3, 10, 10, 0, moscow), sla.ClaimBy(new DateTimeOffset(2026, 12, 30, 21, 30, 0, moscow), HandoffPriority.Normal));
    }

    [Fact]
    public async Task An_urgent_request_gets_half_the_window()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var (flow, services) = Flow(clock, new HandoffOptions { ClaimWithin = TimeSpan.FromMinutes(20) });
        using var _ = flow;

        var replies = await flow.SendAsync("Можно срочно записаться на стрижку сегодня?");

        Assert.Contains("обычно в течение 10 мин.", replies[^1], StringComparison.Ordinal);
        var ticket = (await services.GetRequiredService<IHandoffStore>().FindAsync("H-1"))!;
        Assert.Equal((HandoffPriority.Urgent, clock.GetUtcNow().AddMinutes(10), "Booking", "booking"), (ticket.Priority, ticket.ClaimBy, ticket.Intent, ticket.Workflow));
        Assert.Contains("Стрижка", ticket.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_protocol_mode_the_hub_gets_handoff_initiate_with_the_transcript_and_its_status_events_are_recorded()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var (flow, services) = Flow(clock, new HandoffOptions { Mode = HandoffMode.Protocol });
        using var _ = flow;
        await flow.SendAsync("хочу записаться на стрижку");

        var replies = await flow.SendActivityAsync(flow.Message("позовите оператора"));

        Assert.Equal("Соединяю вас с оператором (заявка H-1). Пожалуйста, подождите немного.", replies[0].Text);
        var initiate = replies[1];
        Assert.Equal((ActivityTypes.Event, AgentHubHandoff.InitiateEvent), (initiate.Type, initiate.Name));
        var context = initiate.Value!.Value;
        Assert.Equal(("H-1", "human", "normal", "ru"), (context.GetProperty("ticket").GetString(), context.GetProperty("workflow").GetString(), context.GetProperty("priority").GetString(), context.GetProperty("language").GetString()));
        Assert.Contains("during booking", context.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var transcript = Assert.Single(initiate.Attachments!);
        Assert.Equal(("Transcript", "application/json"), (transcript.Name, transcript.ContentType));
        var lines = ((JsonElement)transcript.Content!).GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(("message", "хочу записаться на стрижку", "user"), (lines[0].GetProperty("type").GetString(), lines[0].GetProperty("text").GetString(), lines[0].GetProperty("from").GetProperty("role").GetString()));
        Assert.Equal("bot", lines[1].GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("позовите оператора", lines[^1].GetProperty("text").GetString());

        var store = services.GetRequiredService<IHandoffStore>();
        Assert.Empty(await flow.SendActivityAsync(Status(flow, "accepted")));
        Assert.Equal((HandoffState.Claimed, AgentHubHandoff.HubActor), ((await store.FindAsync("H-1"))!.State, (await store.FindAsync("H-1"))!.ClaimedBy));
        await flow.SendActivityAsync(Status(flow, "completed", "resolved by Maria"));
        Assert.Equal(HandoffState.Closed, (await store.FindAsync("H-1"))!.State);

        var events = (await services.GetRequiredService<IOutcomeLog>().ReadAsync("webchat/conv-1")).Where(e => e.Event.Workflow == HandoffKinds.Workflow).Select(e => (e.Event.Kind, e.Detail)).ToList();
        Assert.Equal(
            [("created", "H-1: human: the customer asked for a person during booking: «позовите оператора»"), ("hub_status", "accepted"), ("claimed", "H-1: 0"), ("hub_status", "completed: resolved by Maria"), ("resolved_by_operator", "H-1")],
            events);
    }

    [Fact]
    public async Task A_hub_that_fails_gives_the_conversation_back_and_the_customer_is_told_and_unknown_states_are_kept()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var (flow, services) = Flow(clock, new HandoffOptions { Mode = HandoffMode.Protocol });
        using var _ = flow;
        await flow.SendAsync("позовите оператора");

        Assert.Empty(await flow.SendActivityAsync(Status(flow, "queued")));
        var replies = await flow.SendActivityAsync(Status(flow, "failed", "no agents online"));

        Assert.StartsWith("Сейчас не получилось соединить с оператором (заявка H-1).", Assert.Single(replies).Text, StringComparison.Ordinal);
        var store = services.GetRequiredService<IHandoffStore>();
        Assert.Equal(HandoffState.Returned, (await store.FindAsync("H-1"))!.State);
        Assert.Equal(
            [("status", "queued"), ("returned", null), ("failed", "no agents online")],
            (await store.AuditAsync("H-1")).Where(a => a.Actor == AgentHubHandoff.HubActor).Select(a => (a.Action, a.Detail)));
        // A status with no open ticket is still accepted, and recorded.
        Assert.Empty(await flow.SendActivityAsync(Status(flow, "completed")));
    }

    private static Activity Status(DialogTestFlow flow, string state, string? message = null)
    {
        var activity = flow.Message(string.Empty);
        activity.Type = ActivityTypes.Event;
        activity.Text = null;
        activity.Name = AgentHubHandoff.StatusEvent;
        activity.Value = JsonSerializer.SerializeToElement(message is null ? new { state } : (object)new { state, message });
        return activity;
    }

    private (DialogTestFlow Flow, ServiceProvider Services) Flow(TimeProvider clock, HandoffOptions options)
    {
        ServiceProvider? provider = null;
        var database = _folder.File("staffono.db");
        var flow = new DialogTestFlow(new MemoryStorage(), "ru-RU", "conv-1", ChannelIds.Webchat, _ => throw new InvalidOperationException(), (conversation, user) =>
        {
            provider = TestBot.Compose(conversation, user, Salon, clock, database, configure: services =>
            {
                services.AddSingleton<IOutbox>(_outbox);
                services.AddHandoffs(options);
            });
            return provider.GetRequiredService<Staffono.Dialogs.StaffonoBot>();
        });
        // The flow composes its bot as it is made, so the provider is the bot's own.
        return (flow, provider!);
    }

    /// <summary>Keeps what escalation enqueues, for the test to read (the outbox itself has its own contract suite).</summary>
    private sealed class RecordingOutbox : IOutbox
    {
        public List<OutboxMessage> Messages { get; } = [];

        public Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            Messages.RemoveAll(m => m.Key == message.Key);
            Messages.Add(message);
            return Task.CompletedTask;
        }

        public Task CancelAsync(string keyPrefix, CancellationToken cancellationToken = default)
        {
            Messages.RemoveAll(m => m.Key.StartsWith(keyPrefix, StringComparison.Ordinal));
            return Task.CompletedTask;
        }
    }
}
