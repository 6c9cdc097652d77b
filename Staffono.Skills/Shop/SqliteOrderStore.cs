using System.Text.Json;
using Microsoft.Data.Sqlite;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Shop;

/// <summary>
/// Orders in the process's SQLite file, one JSON document per order keyed by its number, so a lookup is
/// one primary-key read however many orders there are.
/// </summary>
public sealed class SqliteOrderStore : IOrderStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ISqliteFile _database;

    public SqliteOrderStore(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS shop_orders (number TEXT PRIMARY KEY NOT NULL, document TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shop_events (event_id TEXT PRIMARY KEY NOT NULL, applied_utc INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS shop_order_contacts (
                number TEXT NOT NULL, conversation_key TEXT NOT NULL, first_utc INTEGER NOT NULL,
                PRIMARY KEY (number, conversation_key));
            """);
    }

    public async Task<Order?> FindAsync(string number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        await using var connection = _database.OpenForReading();
        return await FindAsync(connection, null, number, cancellationToken);
    }

    public Task SaveAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _database.WriteAsync(connection => SaveAsync(connection, null, order, cancellationToken), cancellationToken);
    }

    public Task<bool> ApplyOnceAsync(string eventId, DateTimeOffset at, Func<IOrderWriter, Task> apply, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentNullException.ThrowIfNull(apply);
        return _database.WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await using (var seen = connection.CreateCommand())
                {
                    seen.Transaction = transaction;
                    seen.CommandText = "INSERT OR IGNORE INTO shop_events (event_id, applied_utc) VALUES ($id, $at)";
                    seen.Parameters.AddWithValue("$id", eventId);
                    seen.Parameters.AddWithValue("$at", at.UtcTicks);
                    if (await seen.ExecuteNonQueryAsync(cancellationToken) == 0)
                    {
                        return false;
                    }
                }

                await apply(new Writer(connection, transaction, cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                return true;
            },
            cancellationToken);
    }

    public Task<int> RecordContactAsync(string number, string conversationKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        return _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT OR IGNORE INTO shop_order_contacts (number, conversation_key, first_utc) VALUES ($number, $conversation, $at);
                    SELECT COUNT(*) FROM shop_order_contacts WHERE number = $number;
                    """;
                command.Parameters.AddWithValue("$number", number);
                command.Parameters.AddWithValue("$conversation", conversationKey);
                command.Parameters.AddWithValue("$at", at.UtcTicks);
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    private static async Task<Order?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string number, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT document FROM shop_orders WHERE number = $number";
        command.Parameters.AddWithValue("$number", number.ToUpperInvariant());
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? JsonSerializer.Deserialize<Order>(document, Json) : null;
    }

    private static async Task<bool> SaveAsync(SqliteConnection connection, SqliteTransaction? transaction, Order order, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO shop_orders (number, document) VALUES ($number, $document) ON CONFLICT (number) DO UPDATE SET document = excluded.document";
        command.Parameters.AddWithValue("$number", order.Number.ToUpperInvariant());
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(order with { Number = order.Number.ToUpperInvariant() }, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private sealed class Writer(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) : IOrderWriter
    {
        public Task<Order?> FindAsync(string number) => SqliteOrderStore.FindAsync(connection, transaction, number, cancellationToken);

        public Task SaveAsync(Order order) => SqliteOrderStore.SaveAsync(connection, transaction, order, cancellationToken);
    }
}
