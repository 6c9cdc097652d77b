using System.Collections.Concurrent;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Customers;

/// <summary>
/// The contact log in the process's SQLite file. "Wrote" is recorded at most once a minute per customer
/// (a conversation is many messages; the channel windows are hours long), so it costs a turn almost nothing.
/// </summary>
public sealed class SqliteContactLog : IContactLog
{
    private static readonly TimeSpan Precision = TimeSpan.FromMinutes(1);
    private readonly ISqliteFile _database;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recorded = new(StringComparer.Ordinal);

    public SqliteContactLog(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS contacts (
                customer_key TEXT PRIMARY KEY NOT NULL, last_wrote_utc INTEGER, opted_out_utc INTEGER);
            """);
    }

    public Task WroteAsync(string customerKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerKey);
        if (_recorded.TryGetValue(customerKey, out var last) && at - last < Precision && at >= last)
        {
            return Task.CompletedTask;
        }

        _recorded[customerKey] = at;
        return WriteAsync(
            "INSERT INTO contacts (customer_key, last_wrote_utc) VALUES ($key, $at) ON CONFLICT (customer_key) DO UPDATE SET last_wrote_utc = MAX(COALESCE(last_wrote_utc, 0), $at)",
            customerKey, at.UtcTicks, cancellationToken);
    }

    public Task SetOptedOutAsync(string customerKey, bool optedOut, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerKey);
        return WriteAsync(
            "INSERT INTO contacts (customer_key, opted_out_utc) VALUES ($key, $at) ON CONFLICT (customer_key) DO UPDATE SET opted_out_utc = $at",
            customerKey, optedOut ? at.UtcTicks : null, cancellationToken);
    }

    public async Task<Contact?> FindAsync(string customerKey, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_wrote_utc, opted_out_utc FROM contacts WHERE customer_key = $key";
        command.Parameters.AddWithValue("$key", customerKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Contact(
            customerKey,
            reader.IsDBNull(0) ? null : new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero),
            reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
    }

    private Task WriteAsync(string sql, string key, long? at, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$at", (object?)at ?? DBNull.Value);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
}
