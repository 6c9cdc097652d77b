using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Payments;

/// <summary>Deposits in the process's SQLite file, one JSON document each, and the payment events already applied.</summary>
public sealed class SqliteDepositStore : IDepositStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly ISqliteFile _database;

    public SqliteDepositStore(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS pay_deposits (id TEXT PRIMARY KEY NOT NULL, created_utc INTEGER NOT NULL, document TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS pay_events (event_id TEXT PRIMARY KEY NOT NULL, deposit_id TEXT NOT NULL, applied_utc INTEGER NOT NULL);
            """);
    }

    public Task CreateAsync(Deposit deposit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        return _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO pay_deposits (id, created_utc, document) VALUES ($id, $created, $document)";
            command.Parameters.AddWithValue("$id", deposit.Id);
            command.Parameters.AddWithValue("$created", deposit.Created.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(deposit, Json));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<Deposit?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = _database.OpenForReading();
        return await FindAsync(connection, null, id, cancellationToken);
    }

    public Task SetProviderIdAsync(string id, string providerId, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, d => d with { ProviderId = providerId }, cancellationToken);

    public Task SetBookingAsync(string id, string bookingId, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, d => d with { BookingId = bookingId }, cancellationToken);

    public Task<bool> MarkPaidAsync(string id, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(eventId);
        return _database.WriteAsync(async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var seen = connection.CreateCommand())
            {
                seen.Transaction = transaction;
                seen.CommandText = "INSERT OR IGNORE INTO pay_events (event_id, deposit_id, applied_utc) VALUES ($event, $id, $at)";
                seen.Parameters.AddWithValue("$event", eventId);
                seen.Parameters.AddWithValue("$id", id);
                seen.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                if (await seen.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return false;
                }
            }

            var deposit = await FindAsync(connection, transaction, id, cancellationToken);
            if (deposit is null || deposit.State == DepositState.Paid)
            {
                // The event is remembered all the same: a replay of it is recognised without reading the deposit.
                await transaction.CommitAsync(cancellationToken);
                return false;
            }

            await SaveAsync(connection, transaction, deposit with { State = DepositState.Paid, Paid = at }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Deposit>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM pay_deposits WHERE created_utc >= $since ORDER BY created_utc, id";
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        var deposits = new List<Deposit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deposits.Add(Read(reader.GetString(0)));
        }

        return deposits;
    }

    private Task ChangeAsync(string id, Func<Deposit, Deposit> change, CancellationToken cancellationToken) =>
        _database.WriteAsync(async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var deposit = await FindAsync(connection, transaction, id, cancellationToken) ?? throw new InvalidOperationException($"No deposit {id}.");
            await SaveAsync(connection, transaction, change(deposit), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    private static async Task<Deposit?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT document FROM pay_deposits WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? Read(document) : null;
    }

    private static async Task SaveAsync(SqliteConnection connection, SqliteTransaction transaction, Deposit deposit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE pay_deposits SET document = $document WHERE id = $id";
        command.Parameters.AddWithValue("$id", deposit.Id);
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(deposit, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Deposit Read(string document) => JsonSerializer.Deserialize<Deposit>(document, Json) ?? throw new InvalidDataException("A deposit's document is empty.");
}
