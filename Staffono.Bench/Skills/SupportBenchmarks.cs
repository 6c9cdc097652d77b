using BenchmarkDotNet.Attributes;
using Staffono.Bot.Hosting;
using Staffono.Skills.Business;
using Staffono.Skills.Knowledge;
using Staffono.Skills.Shop;

namespace Staffono.Bench.Skills;

/// <summary>
/// What the support workflows pay per question (issue 12's budgets): finding an order among 100,000 (≤ 1 ms
/// median), the return policy's decision (≤ 1 ms), and the knowledge search over 1,000 entries (≤ 5 ms) — the
/// demo shop's entries and FAQ plus generated ones in both languages.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SupportBenchmarks
{
    private string _folder = null!;
    private SqliteOrderStore _orders = null!;
    private ReturnPolicyEngine _policy = null!;
    private ReturnCase _case = null!;
    private KnowledgeBase _knowledge = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "staffono-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var profile = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
        var shop = profile.Shop!;
        _orders = new SqliteOrderStore(SharedSqliteFile.At(Path.Combine(_folder, "bench.db")));
        var placed = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        Order? sample = null;
        // 100,000 orders written as one event each would take minutes; ApplyOnce batches them in a few writes.
        for (var batch = 0; batch < 100; batch++)
        {
            var first = batch * 1000;
            _orders.ApplyOnceAsync("seed-" + batch, placed, async writer =>
            {
                for (var i = first; i < first + 1000; i++)
                {
                    var order = new Order
                    {
                        Number = (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Phone = $"+7 916 {i % 1000:D3}-{i % 100:D2}-{i % 97:D2}", Email = $"c{i}@example.com",
                        Items = [new OrderItem("robe", "M", 1, 3900), new OrderItem("shampoo-repair", null, 2, 1450)], PaymentMethod = "card", ShippingMethod = "courier",
                        PlacedAt = placed, Status = OrderStatus.Delivered, ShippedAt = placed.AddDays(1), DeliveredAt = placed.AddDays(2),
                        Scans = [new CarrierScan(placed.AddDays(1), "Москва, склад", "Передан курьеру"), new CarrierScan(placed.AddDays(2), "Москва", "Вручён получателю")],
                    };
                    await writer.SaveAsync(order);
                    sample ??= order;
                }
            }).GetAwaiter().GetResult();
        }

        _policy = new ReturnPolicyEngine(shop.Returns, profile.TimeZone);
        _case = new ReturnCase(sample!, sample!.Items[0], shop.Product("robe"), ReturnReason.WrongSize, ItemCondition.OpenedUnused, 1, false, placed.AddDays(9));

        var entries = KnowledgeBuilder.Build(profile, shop).Entries.ToList();
        for (var i = entries.Count; i < 1000; i++)
        {
            entries.Add(new KnowledgeEntry($"faq:generated-{i}", [$"вопрос номер {i} про товар {i % 37} и доставку в город {i % 53}", $"question {i} about product {i % 37} and delivery to city {i % 53}"], new LocalizedText($"Ответ {i}.", $"Answer {i}.")));
        }

        _knowledge = new KnowledgeBase(entries);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<Order?> Order_lookup_among_100000() => _orders.FindAsync("153517");

    [Benchmark]
    public ReturnDecision Return_policy_decision() => _policy.Decide(_case);

    [Benchmark]
    public IReadOnlyList<KnowledgeHit> Knowledge_search_over_1000_entries() => _knowledge.Search("подойдёт ли диффузор к моему фену Pro 2000?");
}
