using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Leads;

namespace Staffono.Bot.Tests.Skills.Leads;

/// <summary>The lead store contract over the process's SQLite file, each test in a file of its own.</summary>
public sealed class SqliteLeadStoreTests : LeadStoreContract
{
    private readonly TempFolder _folder = new();

    protected override ILeadStore CreateStore() => new SqliteLeadStore(SharedSqliteFile.At(_folder.File("crm.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }
}
