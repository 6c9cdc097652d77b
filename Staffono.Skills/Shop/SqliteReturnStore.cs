using System.Text.Json;
using Microsoft.Data.Sqlite;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Shop;

/// <summary>Returns in the process's SQLite file; RMA numbers count up from RMA-10001.</summary>
public sealed class SqliteReturnStore : IReturnStore
{
    private const int FirstNumber = 10001;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ISqliteFile _database;

    public SqliteReturnStore(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS shop_returns (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, rma TEXT NOT NULL UNIQUE, created_utc INTEGER NOT NULL,
                refunded_utc INTEGER, document TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shop_return_contacts (
                rma TEXT NOT NULL, contact_key TEXT NOT NULL, created_utc INTEGER NOT NULL, PRIMARY KEY (rma, contact_key));
            CREATE INDEX IF NOT EXISTS shop_return_contacts_by_contact ON shop_return_contacts (contact_key, created_utc);
            """);
    }

    public Task<ReturnRecord> CreateAsync(ReturnRecord draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return _database.WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                long next;
                await using (var seq = connection.CreateCommand())
                {
                    seq.Transaction = transaction;
                    seq.CommandText = "SELECT COALESCE(MAX(seq), 0) + 1 FROM shop_returns";
                    next = (long)(await seq.ExecuteScalarAsync(cancellationToken))!;
                }

                var record = draft with { Rma = "RMA-" + (FirstNumber - 1 + next).ToString(System.Globalization.CultureInfo.InvariantCulture), RefundedAt = null };
                await using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO shop_returns (seq, rma, created_utc, document) VALUES ($seq, $rma, $at, $document)";
                    insert.Parameters.AddWithValue("$seq", next);
                    insert.Parameters.AddWithValue("$rma", record.Rma);
                    insert.Parameters.AddWithValue("$at", record.CreatedAt.UtcTicks);
                    insert.Parameters.AddWithValue("$document", JsonSerializer.Serialize(record, Json));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                foreach (var contact in record.ContactKeys.Distinct(StringComparer.Ordinal))
                {
                    await using var link = connection.CreateCommand();
                    link.Transaction = transaction;
                    link.CommandText = "INSERT INTO shop_return_contacts (rma, contact_key, created_utc) VALUES ($rma, $contact, $at)";
                    link.Parameters.AddWithValue("$rma", record.Rma);
                    link.Parameters.AddWithValue("$contact", contact);
                    link.Parameters.AddWithValue("$at", record.CreatedAt.UtcTicks);
                    await link.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return record;
            },
            cancellationToken);
    }

    public async Task<ReturnRecord?> FindAsync(string rma, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rma);
        await using var connection = _database.OpenForReading();
        return await FindAsync(connection, null, rma, cancellationToken);
    }

    public async Task<int> CountSinceAsync(IReadOnlyCollection<string> contactKeys, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactKeys);
        if (contactKeys.Count == 0)
        {
            return 0;
        }

        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        var names = contactKeys.Select((_, i) => "$c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        command.CommandText = $"SELECT COUNT(DISTINCT rma) FROM shop_return_contacts WHERE created_utc >= $since AND contact_key IN ({string.Join(", ", names)})";
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        foreach (var (name, key) in names.Zip(contactKeys))
        {
            command.Parameters.AddWithValue(name, key);
        }

        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<ReturnRecord?> MarkRefundedAsync(string rma, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rma);
        return _database.WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                if (await FindAsync(connection, transaction, rma, cancellationToken) is not { } record)
                {
                    return null;
                }

                if (record.RefundedAt is null)
                {
                    record = record with { RefundedAt = at };
                    await using var update = connection.CreateCommand();
                    update.Transaction = transaction;
                    update.CommandText = "UPDATE shop_returns SET refunded_utc = $at, document = $document WHERE rma = $rma";
                    update.Parameters.AddWithValue("$rma", record.Rma);
                    update.Parameters.AddWithValue("$at", at.UtcTicks);
                    update.Parameters.AddWithValue("$document", JsonSerializer.Serialize(record, Json));
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return record;
            },
            cancellationToken);
    }

    private static async Task<ReturnRecord?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string rma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT document FROM shop_returns WHERE rma = $rma";
        command.Parameters.AddWithValue("$rma", rma.Trim().ToUpperInvariant());
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? JsonSerializer.Deserialize<ReturnRecord>(document, Json) : null;
    }
}
