using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Shop;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>The return store contract over the process's SQLite file, each test in a file of its own.</summary>
public sealed class SqliteReturnStoreTests : ReturnStoreContract
{
    private readonly TempFolder _folder = new();

    protected override IReturnStore OpenStore() => new SqliteReturnStore(SharedSqliteFile.At(_folder.File("shop.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }
}
