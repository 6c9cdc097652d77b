using Staffono.Bot.Hosting;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Outbox;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Outbox;

/// <summary>
/// A database made before the outbox (its reminders in <c>scheduled_messages</c>, exactly as that version
/// created the table) opened by this version: pending reminders move to the outbox and are sent once at
/// their time; sent and cancelled ones stay settled; the old table is gone.
/// </summary>
public sealed class OutboxMigrationTests : IDisposable
{
    // Tuesday 2026-11-24 10:30 in Moscow.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Pending_reminders_of_an_old_database_are_moved_and_sent_once_at_their_time()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        var database = Path.Combine(_data.Path, "staffono.db");
        var bookingId = await BookAsync(database);
        var reference = $$"""{"user":{"id":"tg-old"},"bot":{"id":"bot"},"conversation":{"id":"tg-old"},"channelId":"telegram","serviceUrl":"{{connector.BaseUri}}"}""";
        var tomorrow14 = new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(3));
        using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The table as the release before the outbox made it, with one reminder in each state.
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS scheduled_messages (
                    id TEXT PRIMARY KEY NOT NULL, booking_id TEXT NOT NULL, kind TEXT NOT NULL,
                    due_utc INTEGER NOT NULL, not_after_utc INTEGER NOT NULL, reference_json TEXT NOT NULL, language TEXT NOT NULL,
                    lease_until_utc INTEGER, sent_utc INTEGER, cancelled INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX IF NOT EXISTS scheduled_messages_due ON scheduled_messages (due_utc) WHERE sent_utc IS NULL AND cancelled = 0;
                INSERT INTO scheduled_messages VALUES ($id24, $booking, 'reminder-24h', $due24, $start, $reference, 'ru', NULL, NULL, 0);
                INSERT INTO scheduled_messages VALUES ($id2, $booking, 'reminder-2h', $due2, $start, $reference, 'ru', NULL, NULL, 0);
                INSERT INTO scheduled_messages VALUES ('sent:24h', 'sent', 'reminder-24h', $due24, $start, $reference, 'ru', NULL, $due24, 0);
                INSERT INTO scheduled_messages VALUES ('gone:24h', 'gone', 'reminder-24h', $due24, $start, $reference, 'ru', NULL, NULL, 1);
                """;
            command.Parameters.AddWithValue("$id24", bookingId + ":24h");
            command.Parameters.AddWithValue("$id2", bookingId + ":2h");
            command.Parameters.AddWithValue("$booking", bookingId);
            command.Parameters.AddWithValue("$due24", (tomorrow14 - TimeSpan.FromHours(24)).UtcTicks);
            command.Parameters.AddWithValue("$due2", (tomorrow14 - TimeSpan.FromHours(2)).UtcTicks);
            command.Parameters.AddWithValue("$start", tomorrow14.UtcTicks);
            command.Parameters.AddWithValue("$reference", reference);
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        await using var host = await RunningHost.StartAsync(_data.Path, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");
        await host.Services.GetRequiredService<IContactLog>().WroteAsync("telegram/tg-old", _clock.GetUtcNow());
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var store = host.Services.GetRequiredService<IOutboxStore>();

        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(tomorrow14 - TimeSpan.FromHours(24) - _clock.GetUtcNow());
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromHours(22));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.RunOnceAsync());

        Assert.Equal(2, connector.Requests.Count(r => r.Body.Contains("Напоминаем о записи: Стрижка, ", StringComparison.Ordinal)));
        Assert.Equal("sent", (await store.FindAsync($"booking/{bookingId}/reminder-24h"))?.State);
        Assert.Equal("sent", (await store.FindAsync($"booking/{bookingId}/reminder-2h"))?.State);
        Assert.Null(await store.FindAsync("booking/sent/reminder-24h"));
        Assert.Null(await store.FindAsync("booking/gone/reminder-24h"));
        using var check = new SqliteConnection($"Data Source={database}");
        check.Open();
        using var exists = check.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'scheduled_messages'";
        Assert.Equal(0L, exists.ExecuteScalar());
    }

    /// <summary>A booking for tomorrow at 14:00, made in the database the old version would have used.</summary>
    private async Task<string> BookAsync(string database)
    {
        var store = new SqliteCalendarStore(SharedSqliteFile.At(database), _clock);
        var start = new DateTime(2026, 11, 25, 14, 0, 0);
        var booking = await store.BookAsync(new Slot("haircut", "olga", "tverskaya", start, start.AddHours(1)), new Customer("telegram/tg-old", "Анна", null));
        return booking!.Id;
    }
}
