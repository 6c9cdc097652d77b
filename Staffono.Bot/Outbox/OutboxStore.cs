using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Staffono.Runtime.State;
using Staffono.Skills.Outbox;

namespace Staffono.Bot.Outbox;

/// <summary>
/// The outbox in SQLite: one row per proactive message, keyed by the workflow's dedupe key, with its state,
/// attempts, lease and the stable activity id every send of it carries.
/// </summary>
/// <remarks>
/// A database made before the outbox has its pending reminders in <c>scheduled_messages</c>; they move
/// here, unchanged in meaning, the first time this store opens the file, and the old table goes.
/// </remarks>
public sealed class OutboxStore : IOutboxStore
{
    private const string Columns = "key, kind, due_utc, not_after_utc, reference_json, customer_key, language, payload, transactional, activity_id, attempts";
    private readonly SqliteDatabase _database;

    public OutboxStore(SqliteDatabase database)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS outbox (
                key TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, due_utc INTEGER NOT NULL, not_after_utc INTEGER,
                reference_json TEXT NOT NULL, customer_key TEXT NOT NULL, language TEXT NOT NULL, payload TEXT NOT NULL,
                transactional INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
                lease_until_utc INTEGER, activity_id TEXT NOT NULL, sent_utc INTEGER, outcome TEXT);
            CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due_utc) WHERE state = 'pending';
            """);
        MigrateScheduledMessages();
    }

    public Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                // A message already sent stays sent, and the very message already pending keeps its claim (a retried
                // turn enqueueing it again must not send it twice); anything else is replaced and starts afresh.
                command.CommandText = """
                    INSERT INTO outbox (key, kind, due_utc, not_after_utc, reference_json, customer_key, language, payload, transactional, activity_id)
                    VALUES ($key, $kind, $due, $notAfter, $reference, $customer, $language, $payload, $transactional, $activity)
                    ON CONFLICT (key) DO UPDATE SET kind = $kind, due_utc = $due, not_after_utc = $notAfter, reference_json = $reference,
                        customer_key = $customer, language = $language, payload = $payload, transactional = $transactional, activity_id = $activity,
                        state = 'pending', attempts = 0, lease_until_utc = NULL, outcome = NULL
                    WHERE outbox.state <> 'sent' AND NOT (outbox.state = 'pending' AND outbox.activity_id = $activity)
                    """;
                command.Parameters.AddWithValue("$key", message.Key);
                command.Parameters.AddWithValue("$kind", message.Kind);
                command.Parameters.AddWithValue("$due", message.Due.UtcTicks);
                command.Parameters.AddWithValue("$notAfter", (object?)message.NotAfter?.UtcTicks ?? DBNull.Value);
                command.Parameters.AddWithValue("$reference", message.ConversationReference);
                command.Parameters.AddWithValue("$customer", message.CustomerKey);
                command.Parameters.AddWithValue("$language", message.Language);
                command.Parameters.AddWithValue("$payload", message.Payload);
                command.Parameters.AddWithValue("$transactional", message.Transactional ? 1 : 0);
                command.Parameters.AddWithValue("$activity", ActivityIdOf(message));
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public Task CancelAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        return _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE outbox SET state = 'cancelled' WHERE state = 'pending' AND substr(key, 1, length($prefix)) = $prefix";
                command.Parameters.AddWithValue("$prefix", keyPrefix);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        _database.WriteAsync<IReadOnlyList<ClaimedMessage>>(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var claimed = new List<ClaimedMessage>();
                await using (var select = connection.CreateCommand())
                {
                    select.Transaction = transaction;
                    select.CommandText = $"""
                        SELECT {Columns} FROM outbox
                        WHERE state = 'pending' AND due_utc <= $now AND (lease_until_utc IS NULL OR lease_until_utc < $now)
                        ORDER BY due_utc LIMIT $limit
                        """;
                    select.Parameters.AddWithValue("$now", now.UtcTicks);
                    select.Parameters.AddWithValue("$limit", limit);
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        claimed.Add(Read(reader));
                    }
                }

                await using (var update = connection.CreateCommand())
                {
                    update.Transaction = transaction;
                    update.CommandText = "UPDATE outbox SET lease_until_utc = $until, attempts = attempts + 1 WHERE key = $key";
                    update.Parameters.AddWithValue("$until", (now + lease).UtcTicks);
                    var key = update.Parameters.Add("$key", SqliteType.Text);
                    foreach (var message in claimed)
                    {
                        key.Value = message.Message.Key;
                        await update.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                return claimed;
            },
            cancellationToken);

    public Task MarkSentAsync(ClaimedMessage claimed, DateTimeOffset now, string? outcome, CancellationToken cancellationToken) =>
        SetAsync("state = 'sent', sent_utc = $value, outcome = $outcome", claimed, now.UtcTicks, outcome, cancellationToken);

    public Task MarkSkippedAsync(ClaimedMessage claimed, string reason, CancellationToken cancellationToken) =>
        SetAsync("state = 'skipped', outcome = $outcome, lease_until_utc = $value", claimed, null, reason, cancellationToken);

    public Task PostponeAsync(ClaimedMessage claimed, DateTimeOffset due, string reason, CancellationToken cancellationToken) =>
        SetAsync("due_utc = $value, lease_until_utc = NULL, outcome = $outcome", claimed, due.UtcTicks, reason, cancellationToken);

    public async Task<(string State, int Attempts, string? Outcome, string ActivityId)?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, attempts, outcome, activity_id FROM outbox WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3))
            : null;
    }

    public async Task<int> CountAsync(string state, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE state = $state";
        command.Parameters.AddWithValue("$state", state);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task<int> CountSentAsync(CancellationToken cancellationToken = default) => CountAsync("sent", cancellationToken);

    /// <summary>
    /// The same for every send of one message (a re-send after a crash is recognisable); new when a replacement
    /// changes anything about it. It also tells a claim's message from a replacement enqueued while it was claimed.
    /// </summary>
    private static string ActivityIdOf(OutboxMessage message)
    {
        var content = new StringBuilder();
        foreach (var part in new[] { message.Kind, message.NotAfter?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-", message.ConversationReference, message.CustomerKey, message.Language, message.Payload, message.Transactional ? "1" : "0" })
        {
            // Length-prefixed, so no two different messages run together into the same text.
            content.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString()));
        return $"outbox:{message.Key}#{message.Due.UtcTicks.ToString("x", CultureInfo.InvariantCulture)}.{Convert.ToHexStringLower(hash, 0, 8)}";
    }

    private static ClaimedMessage Read(SqliteDataReader reader) => new(
        new OutboxMessage(
            reader.GetString(0),
            reader.GetString(1),
            new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
            reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetString(7),
            reader.GetInt64(8) != 0),
        reader.GetString(9),
        reader.GetInt32(10) + 1);

    /// <summary>Settles the claimed message only if it is still the one claimed: a replacement enqueued meanwhile is left to be sent.</summary>
    private Task SetAsync(string assignment, ClaimedMessage claimed, long? value, string? outcome, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"UPDATE outbox SET {assignment} WHERE key = $key AND activity_id = $activity";
                command.Parameters.AddWithValue("$key", claimed.Message.Key);
                command.Parameters.AddWithValue("$activity", claimed.ActivityId);
                command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
                command.Parameters.AddWithValue("$outcome", (object?)outcome ?? DBNull.Value);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// Moves the pending reminders of a database made before the outbox (table <c>scheduled_messages</c>)
    /// into it, in one transaction with dropping the old table, so each is moved exactly once.
    /// </summary>
    private void MigrateScheduledMessages()
    {
        using var connection = _database.OpenForReading();
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'scheduled_messages'";
            if (Convert.ToInt32(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }
        }

        using var transaction = connection.BeginTransaction();
        using (var move = connection.CreateCommand())
        {
            // Another instance starting on the same file may have moved them a moment ago: then there is nothing left to do.
            move.Transaction = transaction;
            move.CommandText = """
                INSERT OR IGNORE INTO outbox (key, kind, due_utc, not_after_utc, reference_json, customer_key, language, payload, transactional, activity_id, lease_until_utc)
                SELECT 'booking/' || booking_id || '/' || kind, 'booking.reminder', due_utc, not_after_utc, reference_json,
                       COALESCE(json_extract(reference_json, '$.channelId'), '') || '/' || COALESCE(json_extract(reference_json, '$.user.id'), ''),
                       language, json_object('bookingId', booking_id), 1,
                       'outbox:booking/' || booking_id || '/' || kind || '#' || printf('%x', due_utc), lease_until_utc
                FROM scheduled_messages WHERE sent_utc IS NULL AND cancelled = 0 AND json_valid(reference_json);
                DROP TABLE scheduled_messages;
                """;
            try
            {
                move.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.Ordinal))
            {
                return;
            }
        }

        transaction.Commit();
    }
}
