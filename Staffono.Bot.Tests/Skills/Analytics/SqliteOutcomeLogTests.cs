using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Analytics;

namespace Staffono.Bot.Tests.Skills.Analytics;

public sealed class SqliteOutcomeLogTests : OutcomeLogContract
{
    private readonly TempFolder _folder = new();

    protected override IOutcomeLog OpenLog() => new SqliteOutcomeLog(SharedSqliteFile.At(_folder.File("outcomes.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }
}
