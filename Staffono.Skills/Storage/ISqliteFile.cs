using Microsoft.Data.Sqlite;

namespace Staffono.Skills.Storage;

/// <summary>
/// The SQLite file the capability stores keep their data in. The host gives them the one it keeps
/// everything in (Runtime's SqliteDatabase, adapted in Staffono.Bot), so the connection plumbing and
/// the file's single write gate exist once, and Skills stays a leaf.
/// </summary>
public interface ISqliteFile
{
    /// <summary>Runs schema statements once at start (CREATE TABLE IF NOT EXISTS ...).</summary>
    void Execute(string sql);

    /// <summary>An open connection for reads.</summary>
    SqliteConnection OpenForReading();

    /// <summary>Runs <paramref name="work"/> as this process's only writer of the file.</summary>
    Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken);
}
