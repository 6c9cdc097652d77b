using System.Globalization;
using System.Text.Json;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Handoff;

/// <summary>Handoff requests in the process's SQLite file; ids are "H-" and the row number, so they stay short.</summary>
public sealed class SqliteHandoffStore : IHandoffStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ISqliteFile _database;

    public SqliteHandoffStore(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS handoff_requests (
                number INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_key TEXT NOT NULL, conversation_reference TEXT NOT NULL,
                customer_key TEXT NOT NULL, customer_name TEXT, language TEXT NOT NULL,
                workflow TEXT NOT NULL, reason TEXT NOT NULL, fields TEXT NOT NULL, transcript TEXT NOT NULL,
                created_utc INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS handoff_requests_conversation ON handoff_requests (conversation_key);
            """);
    }

    public async Task<HandoffRecord> CreateAsync(HandoffRecord request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO handoff_requests (conversation_key, conversation_reference, customer_key, customer_name, language, workflow, reason, fields, transcript, created_utc)
                VALUES ($conversation, $reference, $customer, $name, $language, $workflow, $reason, $fields, $transcript, $created)
                RETURNING number
                """;
            command.Parameters.AddWithValue("$conversation", request.ConversationKey);
            command.Parameters.AddWithValue("$reference", request.ConversationReference);
            command.Parameters.AddWithValue("$customer", request.CustomerKey);
            command.Parameters.AddWithValue("$name", (object?)request.CustomerName ?? DBNull.Value);
            command.Parameters.AddWithValue("$language", request.Language);
            command.Parameters.AddWithValue("$workflow", request.Workflow);
            command.Parameters.AddWithValue("$reason", request.Reason);
            command.Parameters.AddWithValue("$fields", JsonSerializer.Serialize(request.Fields, Json));
            command.Parameters.AddWithValue("$transcript", JsonSerializer.Serialize(request.Transcript, Json));
            command.Parameters.AddWithValue("$created", request.CreatedAt.UtcTicks);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
        return request with { Id = IdOf(number) };
    }

    public async Task<HandoffRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (id is null || !id.StartsWith("H-", StringComparison.Ordinal) || !long.TryParse(id.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var found = await QueryAsync("number = $key", number, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<HandoffRecord>> OfConversationAsync(string conversationKey, CancellationToken cancellationToken = default) =>
        QueryAsync("conversation_key = $key", conversationKey, cancellationToken);

    private async Task<IReadOnlyList<HandoffRecord>> QueryAsync(string where, object key, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT number, conversation_key, conversation_reference, customer_key, customer_name, language, workflow, reason, fields, transcript, created_utc FROM handoff_requests WHERE {where} ORDER BY number";
        command.Parameters.AddWithValue("$key", key);
        var result = new List<HandoffRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new HandoffRecord(
                IdOf(reader.GetInt64(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8), Json) ?? [],
                JsonSerializer.Deserialize<List<TranscriptLine>>(reader.GetString(9), Json) ?? [],
                new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero)));
        }

        return result;
    }

    private static string IdOf(long number) => "H-" + number.ToString(CultureInfo.InvariantCulture);
}
