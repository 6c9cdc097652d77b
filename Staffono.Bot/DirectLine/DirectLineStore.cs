using System.Globalization;
using Microsoft.Data.Sqlite;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Direct Line conversations and their activity feeds in SQLite, so a page reload or a restart loses
/// nothing. Each activity gets the next sequence number of its conversation; the watermark a client
/// holds is the last sequence number it has seen.
/// </summary>
public sealed class DirectLineStore
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
    }

    /// <summary>Creates the conversation; false if it already existed.</summary>
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

    public async Task<bool> ConversationExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM directline_conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Adds an activity to the feed, giving it its feed id ("{conversation}|0000042").</summary>
    public Task<string> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection => AppendAsync(connection, conversationId, activity, cancellationToken), cancellationToken);

    private static async Task<string> AppendAsync(SqliteConnection connection, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long seq;
        await using (var next = connection.CreateCommand())
        {
            next.Transaction = transaction;
            next.CommandText = "UPDATE directline_conversations SET next_seq = next_seq + 1 WHERE id = $id RETURNING next_seq - 1";
            next.Parameters.AddWithValue("$id", conversationId);
            seq = await next.ExecuteScalarAsync(cancellationToken) is long value
                ? value
                : throw new InvalidOperationException($"Direct Line conversation '{conversationId}' does not exist.");
        }

        var id = $"{conversationId}|{seq.ToString("D7", CultureInfo.InvariantCulture)}";
        activity.Id = id;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO directline_activities (conversation_id, seq, id, json) VALUES ($c, $s, $id, $json)";
            insert.Parameters.AddWithValue("$c", conversationId);
            insert.Parameters.AddWithValue("$s", seq);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$json", ProtocolJson.Serialize(activity));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Replaces an activity in place (the bot updated a message it sent); false if there is none with that id.</summary>
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

    /// <summary>The activities after <paramref name="watermark"/> as raw JSON, and the watermark after them.</summary>
    public async Task<(List<string> Activities, long Watermark)> ReadAfterAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, json FROM directline_activities WHERE conversation_id = $c AND seq > $w ORDER BY seq";
        command.Parameters.AddWithValue("$c", conversationId);
        command.Parameters.AddWithValue("$w", watermark);
        var activities = new List<string>();
        var last = watermark;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            activities.Add(reader.GetString(1));
        }

        return (activities, last);
    }
}
