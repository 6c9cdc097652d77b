using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>
/// What every <see cref="IOrderStore"/> guarantees: orders come back whole under their number in any case,
/// a save replaces the order, an event is applied once however often and however concurrently it arrives
/// (and not at all when applying it fails), and repeat contacts count conversations, not messages. Each
/// implementation runs this suite through a subclass that says how to open the store over one set of data.
/// </summary>
public abstract class OrderStoreContract : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly Lazy<IOrderStore> _store;

    protected OrderStoreContract() => _store = new Lazy<IOrderStore>(() => OpenStore());

    private IOrderStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data, as a restart would.</summary>
    protected abstract IOrderStore OpenStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static Order Sample(string number) => new()
    {
        Number = number,
        Phone = "+7 916 123-45-67",
        Email = "anna@example.com",
        Items = [new OrderItem("robe", "M", 1, 3900m), new OrderItem("shampoo-repair", null, 2, 1450.50m)],
        PaymentMethod = "sbp",
        ShippingMethod = "pickup_point",
        PlacedAt = At.AddDays(-5),
        Status = OrderStatus.Shipped,
        ShippedAt = new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.FromHours(3)),
        ExpectedOn = new DateOnly(2026, 11, 26),
        DelayReason = "carrier_backlog",
        TrackingUrl = "https://track.example/A-10234",
        Scans =
        [
            new CarrierScan(At.AddDays(-3), "Москва, склад", "Принято"),
            new CarrierScan(At.AddDays(-2), "Подольск, СЦ", "Прибыло в сортировочный центр"),
        ],
    };

    [Fact]
    public async Task An_order_comes_back_whole_under_its_number_in_upper_case_found_in_any_case()
    {
        var order = Sample("a-10234");

        await Store.SaveAsync(order);
        var reopened = OpenStore();
        var upper = await reopened.FindAsync("A-10234");
        var lower = await reopened.FindAsync("a-10234");

        Assert.NotNull(upper);
        Assert.NotNull(lower);
        Assert.Equal("A-10234", upper.Number);
        Assert.Equal(order with { Number = "A-10234", Items = upper.Items, Scans = upper.Scans }, upper);
        Assert.Equal(order.Items, upper.Items);
        Assert.Equal(order.Scans, upper.Scans);
        Assert.Equal(6801m, upper.Total);
        Assert.Equal("Прибыло в сортировочный центр", upper.LastScan?.Text);
        Assert.Equal(upper with { Items = lower.Items, Scans = lower.Scans }, lower);
    }

    [Fact]
    public async Task An_unknown_number_finds_nothing()
    {
        await Store.SaveAsync(Sample("A-10234"));

        Assert.Null(await Store.FindAsync("A-1023"));
        Assert.Null(await Store.FindAsync("10234"));
        Assert.Null(await Store.FindAsync(""));
    }

    [Fact]
    public async Task Saving_again_replaces_the_order_whole()
    {
        await Store.SaveAsync(Sample("A-10234"));
        var delivered = Sample("A-10234") with
        {
            Status = OrderStatus.Delivered,
            DeliveredAt = At,
            DelayReason = null,
            ExpectedOn = null,
            TrackingUrl = null,
            Items = [new OrderItem("robe", "L", 1, 3900m)],
            Scans = [],
        };

        await OpenStore().SaveAsync(delivered);
        var found = await Store.FindAsync("a-10234");

        Assert.NotNull(found);
        Assert.Equal((OrderStatus.Delivered, (DateTimeOffset?)At, (string?)null, (DateOnly?)null, (string?)null), (found.Status, found.DeliveredAt, found.DelayReason, found.ExpectedOn, found.TrackingUrl));
        Assert.Equal([new OrderItem("robe", "L", 1, 3900m)], found.Items);
        Assert.Empty(found.Scans);
        Assert.Null(await Store.FindAsync("a-10235"));
    }

    [Fact]
    public async Task An_event_is_applied_once_and_a_replay_does_nothing()
    {
        var runs = 0;
        Task Apply(IOrderWriter writer)
        {
            runs++;
            return writer.SaveAsync(Sample("A-1") with { Status = OrderStatus.Processing });
        }

        var first = await Store.ApplyOnceAsync("evt-1", At, Apply);
        await Store.SaveAsync(Sample("A-1") with { Status = OrderStatus.Cancelled });
        var replay = await OpenStore().ApplyOnceAsync("evt-1", At.AddMinutes(1), Apply);

        Assert.True(first);
        Assert.False(replay);
        Assert.Equal(1, runs);
        Assert.Equal(OrderStatus.Cancelled, (await Store.FindAsync("A-1"))!.Status);
        Assert.True(await Store.ApplyOnceAsync("evt-2", At, Apply));
        Assert.Equal(2, runs);
        Assert.Equal(OrderStatus.Processing, (await Store.FindAsync("A-1"))!.Status);
    }

    [Fact]
    public async Task An_event_reads_and_writes_orders_inside_its_own_write()
    {
        await Store.SaveAsync(Sample("A-1"));

        var applied = await Store.ApplyOnceAsync("delivered-A-1", At, async writer =>
        {
            var order = await writer.FindAsync("a-1");
            Assert.NotNull(order);
            await writer.SaveAsync(order with { Status = OrderStatus.Delivered, DeliveredAt = At });
            var again = await writer.FindAsync("A-1");
            Assert.Equal(OrderStatus.Delivered, again?.Status);
            Assert.Null(await writer.FindAsync("A-2"));
        });

        Assert.True(applied);
        var found = await OpenStore().FindAsync("A-1");
        Assert.Equal((OrderStatus.Delivered, (DateTimeOffset?)At), (found!.Status, found.DeliveredAt));
    }

    [Fact]
    public async Task Eight_deliveries_of_one_event_at_once_apply_it_exactly_once()
    {
        var runs = 0;
        using var start = new ManualResetEventSlim();
        var deliveries = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return await store.ApplyOnceAsync("evt-same", At.AddSeconds(i), async writer =>
            {
                Interlocked.Increment(ref runs);
                var order = await writer.FindAsync("A-1");
                await writer.SaveAsync((order ?? Sample("A-1")) with { Items = [.. (order ?? Sample("A-1")).Items, new OrderItem("hair-ties", null, 1, 450m)] });
            });
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(deliveries);

        Assert.Single(results, applied => applied);
        Assert.Equal(1, Volatile.Read(ref runs));
        Assert.Single((await Store.FindAsync("A-1"))!.Items, i => i.Sku == "hair-ties");
    }

    [Fact]
    public async Task An_event_whose_apply_fails_records_nothing_and_can_be_applied_later()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.ApplyOnceAsync("evt-boom", At, async writer =>
        {
            await writer.SaveAsync(Sample("A-9"));
            throw new InvalidOperationException("the shop's payload was cut short");
        }));

        Assert.Equal("the shop's payload was cut short", error.Message);
        Assert.Null(await Store.FindAsync("A-9"));

        var retried = await OpenStore().ApplyOnceAsync("evt-boom", At.AddMinutes(1), writer => writer.SaveAsync(Sample("A-9")));

        Assert.True(retried);
        Assert.NotNull(await Store.FindAsync("A-9"));
        Assert.False(await Store.ApplyOnceAsync("evt-boom", At.AddMinutes(2), writer => writer.SaveAsync(Sample("A-10"))));
        Assert.Null(await Store.FindAsync("A-10"));
    }

    [Fact]
    public async Task Repeat_contacts_count_conversations_per_order_not_messages()
    {
        Assert.Equal(1, await Store.RecordContactAsync("A-1", "webchat/anna", At));
        Assert.Equal(1, await Store.RecordContactAsync("A-1", "webchat/anna", At.AddMinutes(5)));
        Assert.Equal(2, await OpenStore().RecordContactAsync("A-1", "telegram/anna", At.AddHours(1)));
        Assert.Equal(1, await Store.RecordContactAsync("A-2", "webchat/anna", At.AddHours(2)));
        Assert.Equal(3, await Store.RecordContactAsync("A-1", "webchat/boris", At.AddHours(3)));
    }
}
