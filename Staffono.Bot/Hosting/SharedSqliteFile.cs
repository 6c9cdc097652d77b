using Microsoft.Data.Sqlite;
using Staffono.Runtime.State;
using Staffono.Skills.Storage;

namespace Staffono.Bot.Hosting;

/// <summary>
/// Gives the capability stores (Skills) the database file state and Direct Line live in, with its one
/// write gate. Runtime and Skills do not know each other; the host, which knows both, joins them here.
/// </summary>
public sealed class SharedSqliteFile(SqliteDatabase database) : ISqliteFile
{
    /// <summary>The file at <paramref name="path"/> (sharing the gate of every other user of that file in this process).</summary>
    public static SharedSqliteFile At(string path) => new(new SqliteDatabase(path));

    public void Execute(string sql) => database.Execute(sql);

    public SqliteConnection OpenForReading() => database.OpenForReading();

    public Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken) => database.WriteAsync(work, cancellationToken);
}
