using Staffono.Skills.Customers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Outbox;
using Staffono.Dialogs.Booking;
using Staffono.Skills.Outbox;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// The reminder guarantee under failure: the lease that keeps two senders apart, a sender that dies
/// mid-send and a new instance that takes over when the lease runs out, and reminders that would come
/// too late. Every test owns the only dispatchers (the host's background loop is off).
/// </summary>
public sealed class ReminderDeliveryTests : IDisposable
{
    // Tuesday 2026-11-24 10:30 in Moscow.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_claim_holds_off_every_other_sender_until_its_lease_ends_and_a_restarted_instance_then_sends_it_again()
    {
        var firstDelivery = new TaskCompletionSource();
        var neverAnswer = new TaskCompletionSource();
        await using var connector = await LoopbackServer.StartAsync(async (context, _) =>
        {
            if (firstDelivery.TrySetResult())
            {
                // The channel has the message, but the sender dies before it hears back.
                await neverAnswer.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await context.Response.WriteAsJsonAsync(new { id = "ok" });
        });

        var crashed = await StartHostAsync();
        await BookWithRemindersAsync(crashed, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/lease");
        _clock.Advance(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());     // Tue 14:00: the 24 h reminder is due
        using var dies = new CancellationTokenSource();
        var sending = crashed.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(dies.Token);
        await firstDelivery.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A second dispatcher in the same lease window finds nothing to claim.
        Assert.Equal(0, await ActivatorUtilities.CreateInstance<OutboxDispatcher>(crashed.Services).RunOnceAsync());

        await dies.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await crashed.DisposeAsync();

        // A new instance on the same database: the dead sender's claim still holds for the rest of its minute...
        await using var restarted = await StartHostAsync();
        var dispatcher = restarted.Services.GetRequiredService<OutboxDispatcher>();
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await dispatcher.RunOnceAsync());

        // ...and once it has run out the reminder goes again: at least once, twice only after a crash mid-send.
        _clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        var sends = connector.Requests.Where(r => r.Body.Contains("Напоминаем о записи", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sends.Count);
        // The second send is recognisably the same message: it carries the same activity id.
        var ids = sends.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()).Distinct().ToList();
        Assert.StartsWith("outbox:booking/", Assert.Single(ids), StringComparison.Ordinal);
        neverAnswer.TrySetResult();
    }

    [Fact]
    public async Task A_reminder_that_could_only_arrive_once_the_appointment_has_begun_is_dropped_for_good()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await StartHostAsync();
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/late");
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 15, 0, 0), "telegram/timely");
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        // The host was down from Tuesday morning until Wednesday 14:00 sharp: the 14:00 appointment has begun.
        _clock.Advance(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());

        Assert.Equal(2, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        var texts = connector.Requests.Select(r => r.Body).ToList();
        Assert.Equal(2, texts.Count);
        Assert.All(texts, t => Assert.Contains("в 15:00", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reminder_one_second_before_the_appointment_still_goes()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await StartHostAsync();
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/edge");

        _clock.Advance(new DateTimeOffset(2026, 11, 25, 10, 59, 59, TimeSpan.Zero) - _clock.GetUtcNow());

        Assert.Equal(2, await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync());
    }

    [Fact]
    public async Task With_default_settings_the_hosts_own_dispatcher_sends_when_the_time_comes()
    {
        var delivered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connector = await LoopbackServer.StartAsync(async (context, request) =>
        {
            delivered.TrySetResult(request.Body);
            await context.Response.WriteAsJsonAsync(new { id = "ok" });
        });
        var nextPoll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _clock.TimerCreated += due =>
        {
            if (due == new OutboxOptions().PollInterval)
            {
                nextPoll.TrySetResult();
            }
        };
        await using var host = await RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock));
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/auto");

        // The loop's first round runs alongside the booking. Moving the clock before that round has scheduled the
        // next poll would wake nothing, and the poll it then schedules would lie beyond the moved clock. (The host's
        // other loop, handoff escalation, waits Handoff:EscalationInterval, a different length, so it is not taken for this one.)
        await nextPoll.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());

        Assert.Contains("Напоминаем о записи: Стрижка, завтра в 14:00", await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_dispatch_off_the_instance_says_so_and_leaves_every_reminder_to_others()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false", "--Logging:LogLevel:Staffono.Bot.Outbox=Information");
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/off");

        _clock.Advance(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());

        // The loop runs on a pool thread (BackgroundService, .NET 10): with dispatch off it ends by itself, having said so.
        // With dispatch on it would never end, and this wait would fail.
        await host.Services.GetRequiredService<OutboxDispatcher>().ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(host.Logs.Lines, l => l.Message == "Outbox:Dispatch is off: this instance sends no proactive messages");
        // Nothing claimed it meanwhile: the one due reminder is still there for a dispatcher that runs.
        Assert.Equal(1, await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync());
    }

    [Fact]
    public async Task A_reminder_the_channel_refuses_is_logged_and_sent_again_once_its_lease_ends()
    {
        var refuse = true;
        await using var connector = await LoopbackServer.StartAsync(async (context, _) =>
        {
            if (refuse)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await context.Response.WriteAsJsonAsync(new { id = "ok" });
        });
        await using var host = await StartHostAsync();
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/refused");
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        _clock.Advance(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());

        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Assert.Contains(host.Logs.Lines, l => l.Message.StartsWith("Outbox message booking/", StringComparison.Ordinal) && l.Message.EndsWith(" could not be sent; it will be retried", StringComparison.Ordinal));

        refuse = false;
        Assert.Equal(0, await dispatcher.RunOnceAsync());                  // still leased to the failed attempt
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
    }

    [Fact]
    public async Task A_booking_cancelled_behind_the_schedules_back_gets_no_reminder_and_the_reminder_is_settled()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await StartHostAsync();
        var booking = await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/gone");
        // Cancelled in the calendar alone (another tool, another instance): the reminders were not told.
        Assert.True(await host.Services.GetRequiredService<ICalendarStore>().CancelAsync(booking.Id, booking.Customer));
        _clock.Advance(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());

        Assert.Equal(0, await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync());
        Assert.Empty(connector.Requests);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await host.Services.GetRequiredService<IOutboxStore>().ClaimDueAsync(_clock.GetUtcNow(), TimeSpan.FromMinutes(1), 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_reminder_falling_due_late_in_the_evening_waits_for_the_morning()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await StartHostAsync();
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 26, 20, 0, 0), "telegram/evening");   // Thursday 20:00
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        // The 24 h reminder was due Wednesday 20:00, but this instance was down until 23:00: quiet hours.
        _clock.Advance(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromHours(9) + TimeSpan.FromMinutes(59));                                   // Thursday 08:59
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(1));                                                            // 09:00
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Contains("сегодня в 20:00", connector.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_whose_quiet_hours_last_until_the_appointment_is_dropped_and_settled()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await StartHostAsync();
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 9, 0, 0), "telegram/early", "manicure", "arbat");   // Wednesday 09:00
        var store = host.Services.GetRequiredService<IOutboxStore>();

        _clock.Advance(new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());       // 07:00: due, and quiet until 09:00
        Assert.Equal(0, await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await store.ClaimDueAsync(_clock.GetUtcNow(), TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Quiet_hours_within_one_day_hold_a_reminder_until_they_end_and_not_before_they_start()
    {
        // A business that keeps its lunch break quiet: 13:00-15:00.
        var profile = Path.Combine(_data.Path, "lunch-quiet.yaml");
        File.WriteAllText(profile, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"))
            .Replace("quiet_hours: \"22:00-09:00\"", "quiet_hours: \"13:00-15:00\"", StringComparison.Ordinal)
            .Replace("shop: demo-shop.yaml", "shop: " + Path.Combine(AppContext.BaseDirectory, "Business", "demo-shop.yaml"), StringComparison.Ordinal)
            .Replace("leads: demo-leads.yaml", "leads: " + Path.Combine(AppContext.BaseDirectory, "Business", "demo-leads.yaml"), StringComparison.Ordinal));
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false", $"--Business:ProfilePath={profile}");
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 16, 0, 0), "telegram/lunch");   // 2 h reminder due Wednesday 14:00
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 30, 0), "telegram/morning"); // 2 h reminder due 12:30
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 15, 0, 0), "telegram/edge");     // 2 h reminder due 13:00 sharp
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        // 12:30, not quiet yet: the 12:30 reminder goes, with the three day-before ones that fell due on Tuesday afternoon.
        _clock.Advance(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        Assert.Equal(4, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(30));                                                           // 13:00 sharp: quiet already
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(60));                                                           // 14:00
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        // 15:00: the 16:00 appointment's reminder goes; the 15:00 one's would arrive as its appointment begins, so it was dropped.
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Single(connector.Requests, r => r.Body.Contains("сегодня в 15:00", StringComparison.Ordinal));    // only the late day-before one
    }

    [Fact]
    public async Task A_reminder_whose_conversation_reference_is_lost_is_logged_not_sent()
    {
        await using var host = await StartHostAsync();
        var store = host.Services.GetRequiredService<IOutboxStore>();
        var booking = await BookWithRemindersAsync(host, new Uri("http://127.0.0.1:9/"), new DateTime(2026, 11, 25, 14, 0, 0), "telegram/lost");
        var now = _clock.GetUtcNow();
        await store.CancelAsync(BookingReminders.KeyPrefix(booking.Id), CancellationToken.None);
        await store.EnqueueAsync(new OutboxMessage("lost:1", BookingReminders.Kind, now, now.AddHours(3), "null", "telegram/lost", "ru", $$"""{"bookingId":"{{booking.Id}}"}""", Transactional: true), CancellationToken.None);

        Assert.Equal(0, await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync());
        Assert.Contains(host.Logs.Lines, l => l.Exception?.Message == "Outbox message lost:1 has no conversation reference.");
    }

    [Fact]
    public async Task A_booking_made_exactly_a_day_ahead_gets_only_the_two_hour_reminder()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await StartHostAsync();
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 10, 30, 0), "telegram/day");   // now is Tuesday 10:30
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromHours(22.5));                                                           // Wednesday 09:00, when quiet hours end
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
    }

    private Task<RunningHost> StartHostAsync() =>
        RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");

    private static async Task<Booking> BookWithRemindersAsync(RunningHost host, Uri connector, DateTime localStart, string customerKey, string service = "haircut", string location = "tverskaya")
    {
        var calendar = host.Services.GetRequiredService<CalendarPlugin>();
        var offer = await calendar.FindSlotsAsync(service, location, new DateTimeResolution(localStart, DateTimeGranularity.Minute));
        var booking = (await calendar.BookAsync(offer.Slots.First(s => s.Start == localStart), new Customer(customerKey, "Анна", null), null, new Staffono.Skills.Ai.DialogGrant()))!;
        var reference = $$"""{"user":{"id":"{{customerKey}}"},"bot":{"id":"bot"},"conversation":{"id":"{{customerKey}}"},"channelId":"telegram","serviceUrl":"{{connector}}"}""";
        // The customer wrote to the bot (Telegram only lets a bot write to people who started it).
        await host.Services.GetRequiredService<IContactLog>().WroteAsync(customerKey, host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await host.Services.GetRequiredService<IReminderSchedule>().ScheduleAsync(booking, reference, "ru");
        return booking;
    }
}
