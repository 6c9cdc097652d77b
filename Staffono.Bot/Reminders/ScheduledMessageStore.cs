using Microsoft.Data.Sqlite;
using Staffono.Runtime.State;

namespace Staffono.Bot.Reminders;

/// <summary>
/// Messages to send later, in SQLite: what, where (a conversation reference), when, and until when it
/// is still useful. A sender claims a message with a lease before sending and marks it sent after, so
/// a crashed sender's claim expires and another sender picks the message up.
/// </summary>
public sealed class ScheduledMessageStore
{
    private readonly SqliteDatabase _database;

    public ScheduledMessageStore(SqliteDatabase database)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS scheduled_messages (
                id TEXT PRIMARY KEY NOT NULL, booking_id TEXT NOT NULL, kind TEXT NOT NULL,
                due_utc INTEGER NOT NULL, not_after_utc INTEGER NOT NULL, reference_json TEXT NOT NULL, language TEXT NOT NULL,
                lease_until_utc INTEGER, sent_utc INTEGER, cancelled INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS scheduled_messages_due ON scheduled_messages (due_utc) WHERE sent_utc IS NULL AND cancelled = 0;
            """);
    }

    public Task AddAsync(ScheduledMessage message, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT OR REPLACE INTO scheduled_messages (id, booking_id, kind, due_utc, not_after_utc, reference_json, language) VALUES ($id, $booking, $kind, $due, $notAfter, $reference, $language)";
                command.Parameters.AddWithValue("$id", message.Id);
                command.Parameters.AddWithValue("$booking", message.BookingId);
                command.Parameters.AddWithValue("$kind", message.Kind);
                command.Parameters.AddWithValue("$due", message.Due.UtcTicks);
                command.Parameters.AddWithValue("$notAfter", message.NotAfter.UtcTicks);
                command.Parameters.AddWithValue("$reference", message.ReferenceJson);
                command.Parameters.AddWithValue("$language", message.Language);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    public Task CancelForBookingAsync(string bookingId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE scheduled_messages SET cancelled = 1 WHERE booking_id = $booking AND sent_utc IS NULL";
                command.Parameters.AddWithValue("$booking", bookingId);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> due messages for <paramref name="lease"/>; each is claimed by one sender only.</summary>
    public Task<IReadOnlyList<ScheduledMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        _database.WriteAsync<IReadOnlyList<ScheduledMessage>>(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var claimed = new List<ScheduledMessage>();
                await using (var select = connection.CreateCommand())
                {
                    select.Transaction = transaction;
                    select.CommandText = """
                        SELECT id, booking_id, kind, due_utc, not_after_utc, reference_json, language FROM scheduled_messages
                        WHERE sent_utc IS NULL AND cancelled = 0 AND due_utc <= $now AND (lease_until_utc IS NULL OR lease_until_utc < $now)
                        ORDER BY due_utc LIMIT $limit
                        """;
                    select.Parameters.AddWithValue("$now", now.UtcTicks);
                    select.Parameters.AddWithValue("$limit", limit);
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        claimed.Add(new ScheduledMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                            new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero), reader.GetString(5), reader.GetString(6)));
                    }
                }

                await using (var update = connection.CreateCommand())
                {
                    update.Transaction = transaction;
                    update.CommandText = "UPDATE scheduled_messages SET lease_until_utc = $until WHERE id = $id";
                    update.Parameters.AddWithValue("$until", (now + lease).UtcTicks);
                    var id = update.Parameters.Add("$id", SqliteType.Text);
                    foreach (var message in claimed)
                    {
                        id.Value = message.Id;
                        await update.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                return claimed;
            },
            cancellationToken);

    public Task MarkSentAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) => SetAsync("sent_utc = $value", id, now.UtcTicks, cancellationToken);

    /// <summary>Not worth sending any more (the appointment has begun): never sent, never retried.</summary>
    public Task MarkExpiredAsync(string id, CancellationToken cancellationToken) => SetAsync("cancelled = $value", id, 1L, cancellationToken);

    public Task PostponeAsync(string id, DateTimeOffset due, CancellationToken cancellationToken) => SetAsync("due_utc = $value, lease_until_utc = NULL", id, due.UtcTicks, cancellationToken);

    public async Task<int> CountSentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM scheduled_messages WHERE sent_utc IS NOT NULL";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task SetAsync(string assignment, string id, long value, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"UPDATE scheduled_messages SET {assignment} WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$value", value);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
}
