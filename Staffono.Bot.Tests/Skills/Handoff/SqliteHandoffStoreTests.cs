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
        Assert.Equal(ClaimOutcome.Claimed, (await store.ClaimAsync("H-1", "Anna", DateTimeOffset.UnixEpoch)).Outcome);
        Assert.Equal("H-2", (await OpenStore().CreateAsync(old)).Id);
    }
}
