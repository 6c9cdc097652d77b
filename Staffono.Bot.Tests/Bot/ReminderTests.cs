using Staffono.Skills.Customers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Outbox;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>Reminders end to end on the real host, with a clock the test moves (Tuesday 2026-11-24 10:30 in Moscow).</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private RunningHost _host = null!;

    public async Task InitializeAsync() =>
        // The test runs every dispatch round itself: a background loop on the same manual clock would wake
        // when the test moves the clock and could claim a reminder before the test's own round does.
        _host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Web_chat_reminders_arrive_in_the_feed_at_24h_and_2h_once_each_and_never_after_the_appointment()
    {
        var client = new DirectLineClient(_host.Client);
        var (conversationId, token) = await client.GenerateTokenAsync();
        await client.StartAsync(token);
        await client.SayAsync(conversationId, token, "Можно завтра в 11 на стрижку на Тверской?", "в 11:00", "да");
        Assert.Contains(await FeedTextsAsync(client, conversationId, token), t => t.StartsWith("Готово! Вы записаны на завтра в 11:00.", StringComparison.Ordinal));

        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(31));        // 11:01 Tuesday: 24 h before 11:00 Wednesday
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        var restarted = ActivatorUtilities.CreateInstance<OutboxDispatcher>(_host.Services);
        Assert.Equal(0, await restarted.RunOnceAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync());

        var feed = await FeedAsync(client, conversationId, token);
        var reminder = feed.Last();
        Assert.Equal("Напоминаем о записи: Стрижка, завтра в 11:00, адрес: Москва, ул. Тверская, 12, 2 этаж. Всё в силе?", reminder.GetProperty("text").GetString());
        Assert.Equal(["Подтвердить", "Перенести"], reminder.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        Assert.Equal("bot", reminder.GetProperty("from").GetProperty("role").GetString());

        await client.PostAsync(conversationId, token, "Подтвердить", "c4");
        Assert.Equal("Спасибо, ждём вас!", (await FeedTextsAsync(client, conversationId, token)).Last());

        _clock.Advance(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());  // 09:00 Wednesday
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Assert.Equal(2, await _host.Services.GetRequiredService<IOutboxStore>().CountSentAsync());
    }

    [Fact]
    public async Task Channel_reminders_go_through_the_connector_and_a_cancelled_booking_gets_none()
    {
        var posted = new List<string>();
        await using var connector = await LoopbackServer.StartAsync(async (context, request) =>
        {
            lock (posted)
            {
                posted.Add(request.Body);
            }

            await context.Response.WriteAsJsonAsync(new { id = Guid.NewGuid().ToString("N") });
        });
        async Task SayAsync(string text, string conversation) =>
            (await _host.Client.PostAsJsonAsync("api/messages", new
            {
                type = "message", id = Guid.NewGuid().ToString("N"), text, locale = "en-US", channelId = "telegram",
                from = new { id = "tg-user", name = "Ann", role = "user" }, recipient = new { id = "bot" },
                conversation = new { id = conversation }, serviceUrl = connector.BaseUri.ToString(),
            })).EnsureSuccessStatusCode();

        await SayAsync("can I get a haircut tomorrow at 11 at Beauty on Tverskaya?", "tg-1");
        await SayAsync("11:00", "tg-1");
        await SayAsync("yes", "tg-1");
        Assert.Contains(posted, b => b.Contains("Done! You're booked for tomorrow at 11:00.", StringComparison.Ordinal));
        // No public URL is configured, and the service URL is Telegram's connector: no link rather than a wrong one.
        Assert.DoesNotContain(posted, b => b.Contains("calendar/", StringComparison.Ordinal));

        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        var reminder = JsonDocument.Parse(posted.Last()).RootElement;
        Assert.StartsWith("A reminder of your booking: Haircut, tomorrow at 11:00", reminder.GetProperty("text").GetString());
        Assert.Equal("tg-user", reminder.GetProperty("recipient").GetProperty("id").GetString());

        await SayAsync("I need to cancel my appointment", "tg-1");
        await SayAsync("yes", "tg-1");
        Assert.Contains(posted, b => b.Contains("The booking is cancelled.", StringComparison.Ordinal));
        _clock.Advance(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
    }

    [Fact]
    public async Task Moving_a_booking_replaces_its_reminders()
    {
        var posted = new List<string>();
        await using var connector = await LoopbackServer.StartAsync(async (context, request) =>
        {
            lock (posted)
            {
                posted.Add(request.Body);
            }

            await context.Response.WriteAsJsonAsync(new { id = Guid.NewGuid().ToString("N") });
        });
        async Task SayAsync(string text) =>
            (await _host.Client.PostAsJsonAsync("api/messages", new
            {
                type = "message", id = Guid.NewGuid().ToString("N"), text, locale = "ru-RU", channelId = "telegram",
                from = new { id = "tg-move", name = "Анна", role = "user" }, recipient = new { id = "bot" },
                conversation = new { id = "tg-move" }, serviceUrl = connector.BaseUri.ToString(),
            })).EnsureSuccessStatusCode();

        await SayAsync("Можно завтра в 11 на стрижку на Тверской?");
        await SayAsync("в 11:00");
        await SayAsync("да");
        await SayAsync("хочу перенести запись на пятницу");
        await SayAsync("1");
        await SayAsync("да");
        Assert.Contains(posted, b => b.Contains("Готово! Вы записаны на 27 ноября (пт) в 12:00.", StringComparison.Ordinal));
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();

        // Wednesday 09:00 and 11:00 would have been the old booking's reminders: nothing comes.
        _clock.Advance(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        // Thursday 12:00 is 24 h before the new time.
        _clock.Advance(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Contains("Напоминаем о записи: Стрижка, завтра в 12:00", JsonDocument.Parse(posted.Last()).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_reminder_due_in_quiet_hours_waits_for_the_morning_and_one_that_cannot_be_useful_is_dropped()
    {
        var received = 0;
        await using var connector = await LoopbackServer.StartAsync(async (context, _) =>
        {
            Interlocked.Increment(ref received);
            await context.Response.WriteAsJsonAsync(new { id = "r1" });
        });
        var calendar = _host.Services.GetRequiredService<Staffono.Skills.Calendar.CalendarPlugin>();
        var reminders = _host.Services.GetRequiredService<Staffono.Skills.Calendar.IReminderSchedule>();
        var customer = new Customer("telegram/q", "Q", null);
        var wednesdayTen = new DateTime(2026, 11, 25, 10, 0, 0);
        var offer = await calendar.FindSlotsAsync("haircut", "tverskaya", new Staffono.Skills.Understanding.DateTimeResolution(wednesdayTen, Staffono.Skills.Understanding.DateTimeGranularity.Hour));
        var booking = (await calendar.BookAsync(offer.Slots.Single(s => s.Start == wednesdayTen), customer, null, new Staffono.Skills.Ai.DialogGrant()))!;
        var reference = $$"""{"user":{"id":"q"},"bot":{"id":"bot"},"conversation":{"id":"tg-q"},"channelId":"telegram","serviceUrl":"{{connector.BaseUri}}"}""";
        await _host.Services.GetRequiredService<IContactLog>().WroteAsync(customer.Key, _clock.GetUtcNow());   // the customer started the bot
        await reminders.ScheduleAsync(booking, reference, "ru");
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();

        _clock.Advance(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());   // 08:00 Moscow: the 2 h reminder is due, but it is quiet until 09:00
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(1));                                                          // 09:00
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal(1, received);

        // The 24 h reminder fell at 10:00 on Tuesday, before the clock started; it was never scheduled, and nothing else comes.
        _clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
    }

    private static async Task<List<JsonElement>> FeedAsync(DirectLineClient client, string conversationId, string token) =>
        (await client.GetActivitiesAsync(conversationId, token)).Body.GetProperty("activities").EnumerateArray().ToList();

    private static async Task<List<string>> FeedTextsAsync(DirectLineClient client, string conversationId, string token) =>
        (await FeedAsync(client, conversationId, token)).Where(a => a.TryGetProperty("text", out _)).Select(a => a.GetProperty("text").GetString()!).ToList();
}
