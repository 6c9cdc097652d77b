using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Ai;
using Staffono.Skills.Leads;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Leads;

/// <summary>The lead store contract over the process's SQLite file, each test in a file of its own; and the CRM plugin over it.</summary>
public sealed class SqliteLeadStoreTests : LeadStoreContract
{
    private readonly TempFolder _folder = new();

    protected override ILeadStore CreateStore() => new SqliteLeadStore(SharedSqliteFile.At(_folder.File("crm.db")));

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task The_crm_plugin_stamps_each_save_with_its_clock()
    {
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(start);
        var crm = new CrmPlugin(CreateStore(), clock);

        var created = await crm.SaveAsync(new LeadChange(new LeadContact("Анна", "+7 916 123-45-67", null, null), "webchat", "first"), new DialogGrant());
        clock.Advance(TimeSpan.FromMinutes(7));
        var updated = await crm.SaveAsync(new LeadChange(new LeadContact(null, "89161234567", null, null), "webchat", "second"), new DialogGrant());
        var read = await crm.ReadAsync("L-1001");

        Assert.Equal(("L-1001", start, start), (created.Id, created.Created, created.Updated));
        Assert.Equal(("L-1001", start, start.AddMinutes(7)), (updated.Id, updated.Created, updated.Updated));
        Assert.Equal([start, start.AddMinutes(7)], read!.History.Select(h => h.At));
    }

    [Fact]
    public async Task The_crm_plugin_keeps_a_models_search_between_1_and_50_leads()
    {
        var store = CreateStore();
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 52; i++)
        {
            await store.SaveAsync(new LeadChange(new LeadContact($"Lead {i}", null, $"lead{i}@example.com", null), "webchat", "first"), at.AddSeconds(i));
        }

        var crm = new CrmPlugin(store, new ManualTimeProvider(at));

        Assert.Equal(50, (await crm.SearchAsync(null, 500)).Count);
        Assert.Equal("L-1052", Assert.Single(await crm.SearchAsync(null, 0)).Id);
        Assert.Equal(3, (await crm.SearchAsync("example.com", 3)).Count);
    }
}
