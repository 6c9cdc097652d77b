using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Payments;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Payments;

/// <summary>
/// Deposits in the process's SQLite file: one comes back whole; it is paid once, by the first event that pays it (a replay
/// of that event, another event for the same deposit, or an event for no deposit pays nothing); the checkout's id and the
/// booking the job became are kept; and the deposits since a moment come oldest first. Every check reads through a
/// second store on the same file, as a restart would.
/// </summary>
public sealed class SqliteDepositStoreTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(3));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SqliteDepositStore Open() => new(SharedSqliteFile.At(_folder.File("pay.db")));

    private static Deposit Sample(string id, DateTimeOffset? created = null) => new(
        Id: id,
        LeadId: "L-1001",
        Amount: 1000m,
        Currency: "RUB",
        Gateway: "test",
        ProviderId: null,
        ConversationKey: "webchat/conv-1",
        ConversationReference: """{"conversation":{"id":"conv-1"},"channelId":"webchat"}""",
        CustomerKey: "webchat/dl_anna",
        Language: "ru",
        Job: """{"address":"Химки, ул. Ленинградская, 1","price":4300}""",
        State: DepositState.Pending,
        Created: created ?? Created,
        Paid: null,
        BookingId: null);

    [Fact]
    public async Task A_deposit_comes_back_whole_and_an_unknown_one_is_null()
    {
        var deposit = Sample("D-1");

        await Open().CreateAsync(deposit);
        var found = await Open().FindAsync("D-1");

        Assert.Equal(deposit, found);
        Assert.Null(await Open().FindAsync("D-2"));
    }

    [Fact]
    public async Task A_deposit_is_paid_once_by_the_first_event()
    {
        var store = Open();
        await store.CreateAsync(Sample("D-1"));
        var paidAt = Created.AddMinutes(3);

        var first = await store.MarkPaidAsync("D-1", "evt-1", paidAt);
        var replay = await Open().MarkPaidAsync("D-1", "evt-1", paidAt.AddMinutes(1));
        var another = await Open().MarkPaidAsync("D-1", "evt-2", paidAt.AddMinutes(2));
        var found = await Open().FindAsync("D-1");

        Assert.True(first);
        Assert.False(replay);
        Assert.False(another);
        Assert.NotNull(found);
        Assert.Equal((DepositState.Paid, (DateTimeOffset?)paidAt), (found.State, found.Paid));
        Assert.Equal(Sample("D-1") with { State = DepositState.Paid, Paid = paidAt }, found);
    }

    [Fact]
    public async Task An_event_for_no_deposit_pays_nothing_and_is_not_applied_later()
    {
        var store = Open();

        Assert.False(await store.MarkPaidAsync("D-404", "evt-9", Created));
        Assert.Null(await store.FindAsync("D-404"));

        // The same event replayed once the deposit exists: it was seen, so it pays nothing; a fresh event pays.
        await store.CreateAsync(Sample("D-404"));
        Assert.False(await store.MarkPaidAsync("D-404", "evt-9", Created.AddMinutes(1)));
        Assert.Equal(DepositState.Pending, (await store.FindAsync("D-404"))!.State);
        Assert.True(await store.MarkPaidAsync("D-404", "evt-10", Created.AddMinutes(2)));
    }

    [Fact]
    public async Task An_event_pays_only_the_deposit_it_came_for()
    {
        var store = Open();
        await store.CreateAsync(Sample("D-1"));
        await store.CreateAsync(Sample("D-2"));

        Assert.True(await store.MarkPaidAsync("D-1", "evt-1", Created.AddMinutes(1)));
        Assert.False(await store.MarkPaidAsync("D-2", "evt-1", Created.AddMinutes(2)));
        Assert.True(await store.MarkPaidAsync("D-2", "evt-2", Created.AddMinutes(3)));

        Assert.Equal(Created.AddMinutes(1), (await Open().FindAsync("D-1"))!.Paid);
        Assert.Equal(Created.AddMinutes(3), (await Open().FindAsync("D-2"))!.Paid);
    }

    [Fact]
    public async Task Eight_deliveries_of_one_payment_at_once_pay_it_exactly_once()
    {
        await Open().CreateAsync(Sample("D-1"));
        using var start = new ManualResetEventSlim();

        var deliveries = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = Open();
            start.Wait();
            return await store.MarkPaidAsync("D-1", i % 2 == 0 ? "evt-a" : "evt-b", Created.AddSeconds(i));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(deliveries);

        Assert.Single(results, paid => paid);
        Assert.Equal(DepositState.Paid, (await Open().FindAsync("D-1"))!.State);
    }

    [Fact]
    public async Task The_checkout_id_and_the_booking_are_kept_and_leave_the_rest_as_it_was()
    {
        await Open().CreateAsync(Sample("D-1"));

        await Open().SetProviderIdAsync("D-1", "cs_test_123");
        var started = await Open().FindAsync("D-1");
        await Open().MarkPaidAsync("D-1", "evt-1", Created.AddMinutes(5));
        await Open().SetBookingAsync("D-1", "B-77");
        var booked = await Open().FindAsync("D-1");

        Assert.Equal(Sample("D-1") with { ProviderId = "cs_test_123" }, started);
        Assert.Equal(Sample("D-1") with { ProviderId = "cs_test_123", State = DepositState.Paid, Paid = Created.AddMinutes(5), BookingId = "B-77" }, booked);
    }

    [Fact]
    public async Task Changing_a_deposit_that_is_not_there_fails()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Open().SetProviderIdAsync("D-404", "cs_test_1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Open().SetBookingAsync("D-404", "B-1"));
    }

    [Fact]
    public async Task Deposits_since_a_moment_come_oldest_first()
    {
        var store = Open();
        await store.CreateAsync(Sample("D-3", Created.AddHours(2)));
        await store.CreateAsync(Sample("D-1", Created));
        await store.CreateAsync(Sample("D-2", Created.AddHours(1)));

        Assert.Equal(["D-1", "D-2", "D-3"], (await Open().SinceAsync(Created)).Select(d => d.Id));
        Assert.Equal(["D-2", "D-3"], (await Open().SinceAsync(Created.AddMinutes(1))).Select(d => d.Id));
        Assert.Empty(await Open().SinceAsync(Created.AddDays(1)));
    }
}
