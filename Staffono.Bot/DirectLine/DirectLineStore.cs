using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Direct Line conversations and their activity feeds in the process's SQLite file: a conversation row holds the
/// next sequence number and the history's byte count, so appending is one short transaction.
/// </summary>
public sealed class DirectLineStore : IDirectLineStore
{
    private readonly SqliteDatabase _database;

    public DirectLineStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS directline_conversations (
                id         TEXT PRIMARY KEY NOT NULL,
                user_id    TEXT NOT NULL,
                next_seq   INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS directline_activities (
                conversation_id TEXT NOT NULL,
                seq             INTEGER NOT NULL,
                id              TEXT NOT NULL,
                json            TEXT NOT NULL,
                PRIMARY KEY (conversation_id, seq)
            ) WITHOUT ROWID;
            """);
        AddHistoryBytesColumn();
    }

    /// <summary>Databases made before history was capped have no byte count; their conversations start counting at zero.</summary>
    private void AddHistoryBytesColumn()
    {
        using var connection = _database.OpenForReading();
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('directline_conversations') WHERE name = 'history_bytes'";
        if (Convert.ToInt64(columns.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            try
            {
                _database.Execute("ALTER TABLE directline_conversations ADD COLUMN history_bytes INTEGER NOT NULL DEFAULT 0");
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // Another instance opening the same file added it between our look and our change.
            }
        }
    }

    public Task<bool> CreateConversationAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO directline_conversations (id, user_id, next_seq) VALUES ($id, $user, 1) ON CONFLICT(id) DO NOTHING";
                command.Parameters.AddWithValue("$id", conversationId);
                command.Parameters.AddWithValue("$user", userId);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

    public async Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken) =>
        await IssuedWatermarkAsync(conversationId, cancellationToken) is not null;

    public async Task<string> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        await _database.WriteAsync(connection => AppendAsync(connection, conversationId, activity, long.MaxValue, cancellationToken), cancellationToken)
        ?? throw new InvalidOperationException("Unreachable: an append without a limit cannot be refused.");

    public Task<string?> TryAppendAsync(string conversationId, Activity activity, long maxHistoryBytes, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection => AppendAsync(connection, conversationId, activity, maxHistoryBytes, cancellationToken), cancellationToken);

    private static async Task<string?> AppendAsync(SqliteConnection connection, string conversationId, Activity activity, long maxHistoryBytes, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long seq;
        var id = string.Empty;
        string json;
        await using (var next = connection.CreateCommand())
        {
            // The id holds the sequence number, so the JSON (and its size) is known only once the number is.
            next.Transaction = transaction;
            next.CommandText = "SELECT next_seq, history_bytes FROM directline_conversations WHERE id = $id";
            next.Parameters.AddWithValue("$id", conversationId);
            await using var reader = await next.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Direct Line conversation '{conversationId}' does not exist.");
            }

            seq = reader.GetInt64(0);
            var historyBytes = reader.GetInt64(1);
            id = $"{conversationId}|{seq.ToString("D7", CultureInfo.InvariantCulture)}";
            activity.Id = id;
            json = ProtocolJson.Serialize(activity);
            if (historyBytes + Encoding.UTF8.GetByteCount(json) > maxHistoryBytes)
            {
                activity.Id = null;
                return null;
            }
        }

        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE directline_conversations SET next_seq = next_seq + 1, history_bytes = history_bytes + $bytes WHERE id = $id";
            update.Parameters.AddWithValue("$id", conversationId);
            update.Parameters.AddWithValue("$bytes", (long)Encoding.UTF8.GetByteCount(json));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO directline_activities (conversation_id, seq, id, json) VALUES ($c, $s, $id, $json)";
            insert.Parameters.AddWithValue("$c", conversationId);
            insert.Parameters.AddWithValue("$s", seq);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$json", json);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public Task<bool> ReplaceAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE directline_activities SET json = $json WHERE conversation_id = $c AND id = $id";
                command.Parameters.AddWithValue("$json", ProtocolJson.Serialize(activity));
                command.Parameters.AddWithValue("$c", conversationId);
                command.Parameters.AddWithValue("$id", activity.Id);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

    public Task DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM directline_activities WHERE conversation_id = $c AND id = $id";
                command.Parameters.AddWithValue("$c", conversationId);
                command.Parameters.AddWithValue("$id", activityId);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    public async Task<long?> IssuedWatermarkAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenForReading();
        return await IssuedWatermarkAsync(connection, null, conversationId, cancellationToken);
    }

    public async Task<FeedPage> ReadPageAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenForReading();
        // One read transaction, so the page and the end of the feed are seen at the same moment.
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await IssuedWatermarkAsync(connection, transaction, conversationId, cancellationToken) is not { } issued)
        {
            return FeedPage.UnknownConversation;
        }

        if (watermark > issued || watermark < 0)
        {
            return FeedPage.WatermarkNotIssued;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, json FROM directline_activities WHERE conversation_id = $c AND seq > $w ORDER BY seq LIMIT $n";
        command.Parameters.AddWithValue("$c", conversationId);
        command.Parameters.AddWithValue("$w", watermark);
        command.Parameters.AddWithValue("$n", IDirectLineStore.MaxPageActivities);
        var page = new FeedPage(FeedStatus.Ok);
        var bytes = 0L;
        var reached = watermark;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var length = (int)reader.GetBytes(1, 0, null, 0, 0);
                if (page.Activities.Count > 0 && bytes + length > IDirectLineStore.MaxPageBytes)
                {
                    break;
                }

                // The stored UTF-8 as it is, into a pooled buffer: no string of twice the size, no encoding back on
                // the way out, and no fresh large array per activity for the garbage collector to catch up with.
                page.Add(reader, 1, length);
                bytes += length;
                reached = reader.GetInt64(0);
            }
        }

        // Deleted activities leave gaps: a page that found nothing has still read up to the end.
        page.Watermark = page.Activities.Count == 0 ? issued : reached;
        return page;
    }

    private static async Task<long?> IssuedWatermarkAsync(SqliteConnection connection, SqliteTransaction? transaction, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT next_seq - 1 FROM directline_conversations WHERE id = $c";
        command.Parameters.AddWithValue("$c", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is long last ? last : null;
    }
}
