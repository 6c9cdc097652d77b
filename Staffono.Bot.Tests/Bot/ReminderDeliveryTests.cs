using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Reminders;
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
        var sending = crashed.Services.GetRequiredService<ReminderDispatcher>().RunOnceAsync(dies.Token);
        await firstDelivery.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A second dispatcher in the same lease window finds nothing to claim.
        Assert.Equal(0, await ActivatorUtilities.CreateInstance<ReminderDispatcher>(crashed.Services).RunOnceAsync());

        await dies.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await crashed.DisposeAsync();

        // A new instance on the same database: the dead sender's claim still holds for the rest of its minute...
        await using var restarted = await StartHostAsync();
        var dispatcher = restarted.Services.GetRequiredService<ReminderDispatcher>();
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await dispatcher.RunOnceAsync());

        // ...and once it has run out the reminder goes again: at least once, twice only after a crash mid-send.
        _clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Assert.Equal(2, connector.Requests.Count(r => r.Body.Contains("Напоминаем о записи", StringComparison.Ordinal)));
        neverAnswer.TrySetResult();
    }

    [Fact]
    public async Task The_store_gives_a_due_message_to_one_claimant_and_to_the_next_only_after_the_lease()
    {
        await using var host = await StartHostAsync();
        var store = host.Services.GetRequiredService<ScheduledMessageStore>();
        var now = _clock.GetUtcNow();
        await store.AddAsync(new ScheduledMessage("m1", "b1", "reminder-2h", now, now.AddHours(2), "{}", "ru"), CancellationToken.None);
        var lease = TimeSpan.FromMinutes(1);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ClaimDueAsync(now, lease, 10, CancellationToken.None)));

        Assert.Equal(1, claims.Sum(c => c.Count));
        Assert.Empty(await store.ClaimDueAsync(now + lease, lease, 10, CancellationToken.None));
        Assert.Single(await store.ClaimDueAsync(now + lease + TimeSpan.FromTicks(1), lease, 10, CancellationToken.None));
        Assert.Empty(await store.ClaimDueAsync(now - TimeSpan.FromTicks(1) + lease + lease, lease, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_reminder_that_could_only_arrive_once_the_appointment_has_begun_is_dropped_for_good()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await StartHostAsync();
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 14, 0, 0), "telegram/late");
        await BookWithRemindersAsync(host, connector.BaseUri, new DateTime(2026, 11, 25, 15, 0, 0), "telegram/timely");
        var dispatcher = host.Services.GetRequiredService<ReminderDispatcher>();

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

        Assert.Equal(2, await host.Services.GetRequiredService<ReminderDispatcher>().RunOnceAsync());
    }

    private Task<RunningHost> StartHostAsync() =>
        RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock), "--Reminders:Dispatch=false");

    private static async Task BookWithRemindersAsync(RunningHost host, Uri connector, DateTime localStart, string customerKey)
    {
        var calendar = host.Services.GetRequiredService<CalendarPlugin>();
        var offer = await calendar.FindSlotsAsync("haircut", "tverskaya", new DateTimeResolution(localStart, DateTimeGranularity.Minute));
        var booking = (await calendar.BookAsync(offer.Slots.First(s => s.Start == localStart), new Customer(customerKey, "Анна", null)))!;
        var reference = $$"""{"user":{"id":"{{customerKey}}"},"bot":{"id":"bot"},"conversation":{"id":"{{customerKey}}"},"channelId":"telegram","serviceUrl":"{{connector}}"}""";
        await host.Services.GetRequiredService<IReminderSchedule>().ScheduleAsync(booking, reference, "ru");
    }
}
