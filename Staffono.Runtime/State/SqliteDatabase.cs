using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Staffono.Runtime.State;

/// <summary>
/// One SQLite file in WAL mode, shared by everything the process keeps in it (state, the Direct Line
/// feed, the outbox, and every capability store: calendar, outcomes, handoffs, contacts). The only
/// SQLite plumbing in the solution: the capability stores of Skills reach it through their
/// <c>ISqliteFile</c>, which the host adapts to this class.
/// SQLite admits one writer at a time and makes the others wait by sleeping on a thread; writers of this process instead queue asynchronously on one gate per file, so a
/// burst of turns never ties up thread-pool threads. Writers in other processes still meet SQLite's
/// own wait (DefaultTimeout).
/// </summary>
/// <remarks>
/// Durability: by default commits are not flushed one by one (synchronous=NORMAL): a committed write
/// survives the process crashing or being killed; an OS crash or power cut can lose the last moments
/// of writes. <c>flushEveryWrite</c> makes each commit wait for the disk (synchronous=FULL).
/// </remarks>
public sealed class SqliteDatabase
{
    /// <summary>
    /// Every connection keeps its own page cache (2 MB by default), and pooled connections stay open, so
    /// many concurrent readers of a long history (WebSockets replaying a feed) would each keep megabytes.
    /// A soft limit makes SQLite recycle cache pages across the process instead of growing with them.
    /// </summary>
    public const long SoftHeapLimitBytes = 32L * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    static SqliteDatabase()
    {
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_soft_heap_limit64(SoftHeapLimitBytes);
    }
    private readonly string _connectionString;
    private readonly string _synchronousPragma;
    private readonly SemaphoreSlim _writeGate;

    public SqliteDatabase(string databasePath, bool flushEveryWrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        Path = System.IO.Path.GetFullPath(databasePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _synchronousPragma = flushEveryWrite ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        _writeGate = WriteGates.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        Execute("PRAGMA journal_mode = WAL");
    }

    public string Path { get; }

    /// <summary>
    /// Runs schema statements once at start (CREATE TABLE IF NOT EXISTS ...). They are writes too, so they take the
    /// file's write gate: several stores opening one new file at once (the journal-mode switch needs the file to
    /// itself) otherwise met "database is locked", which SQLite's busy wait does not cover for that switch.
    /// </summary>
    public void Execute(string sql)
    {
        _writeGate.Wait();
        try
        {
            using var connection = OpenForReading();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public SqliteConnection OpenForReading()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> as this process's only writer of the file, on a connection ready for writing.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = OpenForReading();
            // A per-connection setting that only matters at commit; pooled connections may be new ones.
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = _synchronousPragma;
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return await work(connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
