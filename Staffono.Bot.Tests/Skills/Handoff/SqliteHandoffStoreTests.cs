using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Handoff;

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
}
