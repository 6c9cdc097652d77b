using Microsoft.Data.Sqlite;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.State;

public sealed class SqliteStorageTests : StorageContract
{
    private readonly TempFolder _folder = new();
    private readonly SqliteStorage _storage;
    private readonly SqliteStorage _other;

    public SqliteStorageTests()
    {
        _storage = new SqliteStorage(_folder.File("state.db"));
        // A second instance on the same file: its own connections, as a second process would have.
        _other = new SqliteStorage(_folder.File("state.db"));
    }

    protected override IStorage Storage => _storage;

    protected override IStorage OtherProcess => _other;

    [Fact]
    public async Task The_database_is_one_file_in_wal_mode_and_survives_a_new_instance()
    {
        await _storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new("""{"kept":true}""") });

        var reopened = new SqliteStorage(_folder.File("state.db"));

        Assert.Equal("""{"kept":true}""", (await reopened.ReadAsync(["k"]))["k"].Json);
        await using var connection = new SqliteConnection($"Data Source={_folder.File("state.db")}");
        connection.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }
}
