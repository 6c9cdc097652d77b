using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Shop;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>The order store contract over the process's SQLite file, each test in a file of its own.</summary>
public sealed class SqliteOrderStoreTests : OrderStoreContract
{
    private readonly TempFolder _folder = new();

    protected override IOrderStore OpenStore() => new SqliteOrderStore(SharedSqliteFile.At(_folder.File("shop.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }
}
