using Microsoft.Data.Sqlite;

namespace Staffono.Runtime.State;

/// <summary>
/// Storage in one SQLite file (see <see cref="SqliteDatabase"/> for WAL, durability and the write
/// gate), shared safely by several processes: every conditional write is a single UPDATE/INSERT
/// guarded by the ETag inside one transaction, so two writers can never both win.
/// </summary>
public sealed class SqliteStorage : IStorage
{
    private readonly SqliteDatabase _database;

    public SqliteStorage(string databasePath, bool flushEveryWrite = false)
        : this(new SqliteDatabase(databasePath, flushEveryWrite))
    {
    }

    public SqliteStorage(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS storage (
                key   TEXT PRIMARY KEY NOT NULL,
                json  TEXT NOT NULL,
                etag  TEXT NOT NULL
            ) WITHOUT ROWID;
            """);
    }

    public string DatabasePath => _database.Path;

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, json, etag FROM storage WHERE key = $key";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            keyParameter.Value = key;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                result[key] = new StoreItem(reader.GetString(1), reader.GetString(2));
            }
        }

        return result;
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
        }

        return _database.WriteAsync(connection => WriteAsync(connection, changes, cancellationToken), cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _database.WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM storage WHERE key = $key";
                var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
                foreach (var key in keys)
                {
                    keyParameter.Value = key;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return true;
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<string, string>> WriteAsync(SqliteConnection connection, IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        // BEGIN IMMEDIATE takes the write lock up front, so the checks below and the writes are one step.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        foreach (var (key, change) in changes)
        {
            var etag = Guid.NewGuid().ToString("N");
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$json", change.Json);
            command.Parameters.AddWithValue("$etag", etag);
            command.CommandText = change.ETag switch
            {
                StoreItem.AnyETag => "INSERT INTO storage (key, json, etag) VALUES ($key, $json, $etag) ON CONFLICT(key) DO UPDATE SET json = excluded.json, etag = excluded.etag",
                null => "INSERT INTO storage (key, json, etag) VALUES ($key, $json, $etag) ON CONFLICT(key) DO NOTHING",
                _ => "UPDATE storage SET json = $json, etag = $etag WHERE key = $key AND etag = $expected",
            };
            if (change.ETag is not null and not StoreItem.AnyETag)
            {
                command.Parameters.AddWithValue("$expected", change.ETag);
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new StorageConflictException(key, change.ETag);
            }

            etags[key] = etag;
        }

        await transaction.CommitAsync(cancellationToken);
        return etags;
    }
}
