using Microsoft.Data.Sqlite;

namespace Staffono.Runtime.State;

/// <summary>
/// Storage in one SQLite file (WAL), shared safely by several processes: every conditional write is
/// a single UPDATE/INSERT guarded by the ETag inside one transaction, so two processes can never
/// both win.
/// </summary>
/// <remarks>
/// Durability: by default commits are not flushed to disk one by one (WAL with synchronous=NORMAL).
/// A committed write survives the process crashing or being killed; an operating-system crash or
/// power cut can lose the last moments of writes. <c>flushEveryWrite</c> makes every commit wait for
/// the disk (synchronous=FULL), which costs about a disk flush per turn.
/// </remarks>
public sealed class SqliteStorage : IStorage
{
    private readonly string _connectionString;
    private readonly string _synchronousPragma;

    // SQLite lets one writer in at a time and makes the others wait by sleeping on a thread. Within
    // this process, writers queue here instead, asynchronously, so a burst of turns never blocks
    // thread-pool threads; only writers from other processes meet SQLite's own busy wait.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteStorage(string databasePath, bool flushEveryWrite = false)
    {
        _synchronousPragma = flushEveryWrite ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS storage (
                key   TEXT PRIMARY KEY NOT NULL,
                json  TEXT NOT NULL,
                etag  TEXT NOT NULL
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await using var connection = Open();
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

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (changes.Count == 0)
        {
            return etags;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await WriteLockedAsync(changes, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> WriteLockedAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = Open(forWriting: true);
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

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await DeleteLockedAsync(keys, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task DeleteLockedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = Open(forWriting: true);
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
    }

    private SqliteConnection Open(bool forWriting = false)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (forWriting)
        {
            // A per-connection setting that only matters at commit; pooled connections may be new ones.
            using var pragma = connection.CreateCommand();
            pragma.CommandText = _synchronousPragma;
            pragma.ExecuteNonQuery();
        }

        return connection;
    }
}
