using Microsoft.Data.Sqlite;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Analytics;

/// <summary>Outcome events in SQLite, for the business's KPIs (conversion, messages to a booking, abandonment).</summary>
public sealed class SqliteOutcomeLog : IOutcomeLog
{
    private readonly ISqliteFile _database;

    public SqliteOutcomeLog(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS outcome_events (
                conversation_key TEXT NOT NULL, workflow TEXT NOT NULL, kind TEXT NOT NULL,
                customer_messages INTEGER NOT NULL, at_utc INTEGER NOT NULL, detail TEXT);
            CREATE INDEX IF NOT EXISTS outcome_events_workflow ON outcome_events (workflow, kind, at_utc);
            """);
    }

    public Task RecordAsync(OutcomeEvent outcome, string? detail = null, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(connection => InsertAsync(connection, outcome, detail, cancellationToken), cancellationToken);

    private static async Task<int> InsertAsync(SqliteConnection connection, OutcomeEvent outcome, string? detail, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO outcome_events VALUES ($conversation, $workflow, $kind, $messages, $at, $detail)";
        command.Parameters.AddWithValue("$conversation", outcome.ConversationKey);
        command.Parameters.AddWithValue("$workflow", outcome.Workflow);
        command.Parameters.AddWithValue("$kind", outcome.Kind);
        command.Parameters.AddWithValue("$messages", outcome.CustomerMessages);
        command.Parameters.AddWithValue("$at", outcome.At.UtcTicks);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT conversation_key, workflow, kind, customer_messages, at_utc, detail FROM outcome_events WHERE conversation_key = $conversation ORDER BY rowid";
        command.Parameters.AddWithValue("$conversation", conversationKey);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadWorkflowsAsync(IReadOnlyCollection<string> workflows, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        if (workflows.Count == 0)
        {
            return [];
        }

        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        var names = workflows.Select((_, i) => "$w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        command.CommandText = $"SELECT conversation_key, workflow, kind, customer_messages, at_utc, detail FROM outcome_events WHERE workflow IN ({string.Join(", ", names)}) AND at_utc >= $since ORDER BY rowid";
        foreach (var (name, workflow) in names.Zip(workflows))
        {
            command.Parameters.AddWithValue(name, workflow);
        }

        command.Parameters.AddWithValue("$since", since.UtcTicks);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<(OutcomeEvent, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((new OutcomeEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return result;
    }
}
