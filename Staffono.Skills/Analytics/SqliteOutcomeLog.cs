using Microsoft.Data.Sqlite;

namespace Staffono.Skills.Analytics;

/// <summary>Outcome events in SQLite, for the business's KPIs (conversion, messages to a booking, abandonment).</summary>
public sealed class SqliteOutcomeLog : IOutcomeLog
{
    private readonly string _connectionString;
    private readonly Func<Func<Task>, CancellationToken, Task>? _writeLane;

    /// <param name="writeLane">Runs a write as the only writer of this process on the file (see SqliteCalendarStore).</param>
    public SqliteOutcomeLog(string databasePath, Func<Func<Task>, CancellationToken, Task>? writeLane = null)
    {
        _writeLane = writeLane;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS outcome_events (
                conversation_key TEXT NOT NULL, workflow TEXT NOT NULL, kind TEXT NOT NULL,
                customer_messages INTEGER NOT NULL, at_utc INTEGER NOT NULL, detail TEXT);
            CREATE INDEX IF NOT EXISTS outcome_events_workflow ON outcome_events (workflow, kind, at_utc);
            """;
        command.ExecuteNonQuery();
    }

    public Task RecordAsync(OutcomeEvent outcome, string? detail = null, CancellationToken cancellationToken = default) =>
        _writeLane is null ? InsertAsync(outcome, detail, cancellationToken) : _writeLane(() => InsertAsync(outcome, detail, cancellationToken), cancellationToken);

    private async Task InsertAsync(OutcomeEvent outcome, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO outcome_events VALUES ($conversation, $workflow, $kind, $messages, $at, $detail)";
        command.Parameters.AddWithValue("$conversation", outcome.ConversationKey);
        command.Parameters.AddWithValue("$workflow", outcome.Workflow);
        command.Parameters.AddWithValue("$kind", outcome.Kind);
        command.Parameters.AddWithValue("$messages", outcome.CustomerMessages);
        command.Parameters.AddWithValue("$at", outcome.At.UtcTicks);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT conversation_key, workflow, kind, customer_messages, at_utc, detail FROM outcome_events WHERE conversation_key = $conversation ORDER BY rowid";
        command.Parameters.AddWithValue("$conversation", conversationKey);
        var result = new List<(OutcomeEvent, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((new OutcomeEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return result;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
