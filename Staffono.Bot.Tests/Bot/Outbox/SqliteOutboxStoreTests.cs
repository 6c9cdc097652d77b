using Staffono.Bot.Outbox;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.State;

namespace Staffono.Bot.Tests.Bot.Outbox;

/// <summary>The SQLite outbox against the contract; moving an old database's reminders is <see cref="OutboxMigrationTests"/>.</summary>
public sealed class SqliteOutboxStoreTests : OutboxStoreContract
{
    private readonly TempFolder _folder = new();

    protected override IOutboxStore OpenStore() => new OutboxStore(new SqliteDatabase(_folder.File("outbox.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }
}
