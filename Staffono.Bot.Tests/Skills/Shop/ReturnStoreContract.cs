using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>
/// What every <see cref="IReturnStore"/> guarantees: RMA numbers count up from RMA-10001 and stay unique when
/// returns are created at once, a return is found by its RMA in any case, repeat returns are counted by any of
/// the contacts since a moment (each return once), and the refund is marked once, at its first time. Each
/// implementation runs this suite through a subclass that says how to open the store over one set of data.
/// </summary>
public abstract class ReturnStoreContract : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private const string AnnaPhone = "phone:9161234567";
    private const string AnnaEmail = "email:anna@example.com";
    private const string BorisPhone = "phone:9260001122";

    private readonly Lazy<IReturnStore> _store;

    protected ReturnStoreContract() => _store = new Lazy<IReturnStore>(() => OpenStore());

    private IReturnStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data, as a restart would.</summary>
    protected abstract IReturnStore OpenStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static ReturnRecord Draft(DateTimeOffset createdAt, params string[] contacts) => new()
    {
        Rma = "ignored",
        OrderNumber = "A-10234",
        Sku = "robe",
        Reason = ReturnReason.WrongSize,
        Condition = ItemCondition.OpenedUnused,
        Resolution = Resolution.Refund,
        Amount = 3510m,
        Fee = 390m,
        ContactKeys = contacts,
        ConversationKey = "webchat/anna",
        Photos = ["rma-photo-1.jpg"],
        CreatedAt = createdAt,
    };

    [Fact]
    public async Task Rma_numbers_count_up_from_10001_and_a_return_comes_back_whole()
    {
        var first = await Store.CreateAsync(Draft(At, AnnaPhone, AnnaEmail));
        var second = await OpenStore().CreateAsync(Draft(At.AddHours(1), BorisPhone) with { RefundedAt = At });
        var third = await Store.CreateAsync(Draft(At.AddHours(2), AnnaPhone));

        Assert.Equal(["RMA-10001", "RMA-10002", "RMA-10003"], new[] { first.Rma, second.Rma, third.Rma });
        Assert.Null(second.RefundedAt);
        var found = await OpenStore().FindAsync("RMA-10001");
        Assert.NotNull(found);
        Assert.Equal(Draft(At, AnnaPhone, AnnaEmail) with { Rma = "RMA-10001", ContactKeys = found.ContactKeys, Photos = found.Photos }, found);
        Assert.Equal([AnnaPhone, AnnaEmail], found.ContactKeys);
        Assert.Equal(["rma-photo-1.jpg"], found.Photos);
        Assert.Null((await Store.FindAsync("RMA-10002"))!.RefundedAt);
    }

    [Fact]
    public async Task Returns_created_at_once_on_several_instances_each_get_their_own_number()
    {
        using var start = new ManualResetEventSlim();
        var creators = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return await store.CreateAsync(Draft(At.AddMinutes(i), $"phone:916000000{i}"));
        })).ToList();
        start.Set();
        var created = await Task.WhenAll(creators);

        Assert.Equal(Enumerable.Range(10001, 8).Select(n => $"RMA-{n}"), created.Select(r => r.Rma).Order(StringComparer.Ordinal));
        foreach (var record in created)
        {
            Assert.Equal(record.ContactKeys, (await Store.FindAsync(record.Rma))!.ContactKeys);
        }
    }

    [Theory]
    [InlineData("RMA-10001", true)]
    [InlineData("rma-10001", true)]
    [InlineData(" Rma-10001 ", true)]
    [InlineData("RMA-10002", false)]
    [InlineData("10001", false)]
    [InlineData("", false)]
    public async Task A_return_is_found_by_its_rma_in_any_case(string rma, bool found)
    {
        await Store.CreateAsync(Draft(At, AnnaPhone));

        var record = await OpenStore().FindAsync(rma);

        Assert.Equal(found ? "RMA-10001" : null, record?.Rma);
    }

    [Fact]
    public async Task Returns_are_counted_by_any_of_the_contacts_since_a_moment_each_return_once()
    {
        await Store.CreateAsync(Draft(At.AddDays(-100), AnnaEmail));              // too old for a 90-day window
        await Store.CreateAsync(Draft(At.AddDays(-30), AnnaPhone, AnnaEmail));    // both contacts: still one return
        await Store.CreateAsync(Draft(At.AddDays(-10), AnnaPhone));
        await Store.CreateAsync(Draft(At.AddDays(-5), BorisPhone));               // someone else
        var since = At.AddDays(-90);
        var reopened = OpenStore();

        Assert.Equal(2, await reopened.CountSinceAsync([AnnaPhone, AnnaEmail], since));
        Assert.Equal(2, await reopened.CountSinceAsync([AnnaPhone], since));
        Assert.Equal(1, await reopened.CountSinceAsync([AnnaEmail], since));
        Assert.Equal(3, await reopened.CountSinceAsync([AnnaPhone, AnnaEmail], At.AddDays(-200)));
        Assert.Equal(1, await reopened.CountSinceAsync([BorisPhone], since));
        Assert.Equal(0, await reopened.CountSinceAsync(["phone:9999999999"], since));
        Assert.Equal(0, await reopened.CountSinceAsync([], since));
    }

    [Fact]
    public async Task A_return_made_at_the_very_moment_counts_and_one_made_before_it_does_not()
    {
        await Store.CreateAsync(Draft(At, AnnaPhone));

        Assert.Equal(1, await Store.CountSinceAsync([AnnaPhone], At));
        Assert.Equal(0, await Store.CountSinceAsync([AnnaPhone], At.AddTicks(1)));
    }

    [Fact]
    public async Task The_refund_is_marked_once_at_its_first_time()
    {
        var created = await Store.CreateAsync(Draft(At, AnnaPhone));

        var first = await Store.MarkRefundedAsync(created.Rma, At.AddDays(3));
        var second = await OpenStore().MarkRefundedAsync("rma-10001", At.AddDays(5));

        Assert.Equal(At.AddDays(3), first?.RefundedAt);
        Assert.Equal(At.AddDays(3), second?.RefundedAt);
        Assert.Equal(At.AddDays(3), (await OpenStore().FindAsync(created.Rma))!.RefundedAt);
        Assert.Equal((3510m, 390m, Resolution.Refund), (second!.Amount, second.Fee, second.Resolution));
    }

    [Fact]
    public async Task Marking_an_unknown_rma_refunded_finds_nothing_and_creates_nothing()
    {
        await Store.CreateAsync(Draft(At, AnnaPhone));

        Assert.Null(await Store.MarkRefundedAsync("RMA-10002", At));
        Assert.Null(await Store.FindAsync("RMA-10002"));
        Assert.Null((await Store.FindAsync("RMA-10001"))!.RefundedAt);
        Assert.Equal("RMA-10002", (await Store.CreateAsync(Draft(At, AnnaPhone))).Rma);
    }
}
