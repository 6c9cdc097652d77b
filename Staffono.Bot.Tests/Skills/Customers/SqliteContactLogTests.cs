using Microsoft.Data.Sqlite;
using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Customers;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Customers;

public sealed class SqliteContactLogTests : ContactLogContract
{
    private readonly TempFolder _folder = new();

    protected override IContactLog OpenLog() => new SqliteContactLog(SharedSqliteFile.At(_folder.File("contacts.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task A_conversation_s_messages_within_a_minute_cost_one_write()
    {
        var log = OpenLog();

        await log.WroteAsync("telegram/anna", Noon);
        await log.WroteAsync("telegram/anna", Noon.AddSeconds(30));
        await log.WroteAsync("telegram/anna", Noon.AddSeconds(59));
        Assert.Equal(Noon.UtcTicks, StoredLastWrote("telegram/anna"));

        await log.WroteAsync("telegram/anna", Noon.AddMinutes(1));
        Assert.Equal(Noon.AddMinutes(1).UtcTicks, StoredLastWrote("telegram/anna"));
    }

    private long StoredLastWrote(string customerKey)
    {
        using var connection = new SqliteConnection($"Data Source={_folder.File("contacts.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_wrote_utc FROM contacts WHERE customer_key = $key";
        command.Parameters.AddWithValue("$key", customerKey);
        return (long)command.ExecuteScalar()!;
    }
}
