using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Handoff;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Handoff;

public sealed class SqliteHandoffStoreTests : HandoffStoreContract
{
    private readonly TempFolder _folder = new();

    protected override IHandoffStore OpenStore() => new SqliteHandoffStore(SharedSqliteFile.At(_folder.File("s.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task Requests_stored_before_tickets_had_a_life_come_back_waiting_and_can_be_claimed()
    {
        // The table as the first handoffs wrote it, with one request in it.
        var file = SharedSqliteFile.At(_folder.File("s.db"));
        file.Execute("""
            CREATE TABLE handoff_requests (
                number INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_key TEXT NOT NULL, conversation_reference TEXT NOT NULL,
                customer_key TEXT NOT NULL, customer_name TEXT, language TEXT NOT NULL,
                workflow TEXT NOT NULL, reason TEXT NOT NULL, fields TEXT NOT NULL, transcript TEXT NOT NULL,
                created_utc INTEGER NOT NULL);
            INSERT INTO handoff_requests (conversation_key, conversation_reference, customer_key, customer_name, language, workflow, reason, fields, transcript, created_utc)
            VALUES ('webchat/a', '{}', 'webchat/u', 'Анна', 'ru', 'booking', 'urgent', '{"service":"Стрижка"}', '[{"fromCustomer":true,"text":"срочно","at":"2026-11-24T07:30:00+00:00"}]', 638680000000000000);
            """);

        var store = OpenStore();
        var old = (await store.FindAsync("H-1"))!;

        Assert.Equal((HandoffState.Waiting, HandoffPriority.Normal, "urgent", "Стрижка", "срочно"), (old.State, old.Priority, old.Reason, old.Fields["service"], old.Transcript[0].Text));
        Assert.Null(old.Intent);
        // Shown to operators, but never "sorry for the wait" to a customer about a request from long ago.
        Assert.Equal((old.CreatedAt, old.CreatedAt), (old.ClaimBy, old.EscalatedAt));
        Assert.Empty(await store.DueForEscalationAsync(DateTimeOffset.MaxValue));
        Assert.Equal(ClaimOutcome.Claimed, (await store.ClaimAsync("H-1", "Anna", DateTimeOffset.UnixEpoch)).Outcome);
        Assert.Equal("H-2", (await OpenStore().CreateAsync(old)).Id);
    }

    [Fact]
    public async Task A_file_migrated_before_a_column_was_added_gets_that_column_too()
    {
        var file = SharedSqliteFile.At(_folder.File("s.db"));
        _ = OpenStore();
        file.Execute("ALTER TABLE handoff_requests DROP COLUMN intent");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();   // as a restart would

        var store = OpenStore();
        var created = await store.CreateAsync(new HandoffRecord("", "webchat/a", "{}", "webchat/u", null, "ru", "booking", "r", new Dictionary<string, string>(), [], DateTimeOffset.UnixEpoch) { Intent = "Booking" });

        Assert.Equal("Booking", (await OpenStore().FindAsync(created.Id))!.Intent);
    }
}
