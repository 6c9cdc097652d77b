using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Calendar;

/// <summary>
/// What every <see cref="ICalendarStore"/> guarantees. Each implementation runs this suite through a
/// subclass that says how to open the store over one shared set of data.
/// </summary>
public abstract class CalendarStoreContract : IDisposable
{
    protected readonly ManualTimeProvider Clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private readonly Lazy<ICalendarStore> _store;

    protected CalendarStoreContract() => _store = new Lazy<ICalendarStore>(() => OpenStore());

    private ICalendarStore Store => _store.Value;

    /// <summary>A store over this test's data; every call opens another instance over the same data.</summary>
    protected abstract ICalendarStore OpenStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private static Slot Olga(int hour, int minute = 0) =>
        new("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, hour, minute, 0), new DateTime(2026, 11, 25, hour, minute, 0).AddHours(1));

    [Fact]
    public async Task Booked_and_held_time_is_busy_and_nothing_else()
    {
        await Store.BookAsync(Olga(11), new Customer("webchat/anna", "Анна", null));
        await Store.HoldAsync(Olga(14), "webchat/boris", TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));
        await Store.BookAsync(Olga(11) with { Start = new DateTime(2026, 11, 26, 11, 0, 0), End = new DateTime(2026, 11, 26, 12, 0, 0) }, new Customer("webchat/vera", null, null));

        var busy = await Store.BusyAsync(new DateTime(2026, 11, 25), new DateTime(2026, 11, 26));

        Assert.Equal([Olga(11), Olga(14)], busy.OrderBy(b => b.Start));
        Assert.Equal([Olga(11)], await Store.BusyAsync(new DateTime(2026, 11, 25), new DateTime(2026, 11, 26), exceptHolder: "webchat/boris"));
    }

    [Fact]
    public async Task Two_customers_racing_for_one_slot_get_exactly_one_booking()
    {
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = OpenStore();
            start.Wait();
            return await store.BookAsync(Olga(12), new Customer($"telegram/{i}", null, null));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task The_calendar_itself_refuses_overlaps_whatever_a_dialog_did_before()
    {
        var anna = new Customer("telegram/anna", "Анна", null);

        var annaAtEleven = await Store.BookAsync(Olga(11), anna);
        Assert.NotNull(annaAtEleven);
        Assert.Null(await Store.BookAsync(Olga(11, 15), new Customer("telegram/boris", null, null)));     // overlaps by 45 minutes
        Assert.Null(await Store.BookAsync(Olga(10, 15), new Customer("telegram/boris", null, null)));     // ...and from before
        Assert.NotNull(await Store.BookAsync(Olga(12), new Customer("telegram/vera", null, null)));       // back to back is fine
        Assert.NotNull(await Store.BookAsync(Olga(10), new Customer("telegram/gleb", null, null)));
        Assert.NotNull(await Store.BookAsync(Olga(11, 15) with { StaffId = "elena" }, new Customer("telegram/boris", null, null)));   // another master

        // Moving one's own booking onto part of its old time is not an overlap with itself.
        var moved = await Store.BookAsync(Olga(11) with { End = new DateTime(2026, 11, 25, 11, 45, 0) }, anna, annaAtEleven!.Id);
        Assert.NotNull(moved);

        // A cancelled booking frees its time.
        Assert.True(await Store.CancelAsync(moved!.Id, anna));
        Assert.NotNull(await Store.BookAsync(Olga(11) with { End = new DateTime(2026, 11, 25, 11, 45, 0) }, new Customer("telegram/dina", null, null)));
    }

    [Fact]
    public async Task A_booking_reads_back_as_it_was_written_and_unknown_ids_and_tokens_find_nothing()
    {
        var phoneOnly = (await Store.BookAsync(Olga(15), new Customer("telegram/p", null, "+79990001122")))!;
        var nameOnly = (await Store.BookAsync(Olga(15) with { StaffId = "elena" }, new Customer("telegram/n", "Анна", null)))!;
        Assert.True(await Store.CancelAsync(nameOnly.Id, nameOnly.Customer));

        var first = await Store.FindAsync(phoneOnly.Id);
        var second = await Store.FindByIcsTokenAsync(nameOnly.IcsToken);

        Assert.Equal(phoneOnly, first);
        Assert.Equal((null, "+79990001122", false), (first!.Customer.Name, first.Customer.Phone, first.Cancelled));
        Assert.Equal(nameOnly with { Cancelled = true }, second);
        Assert.Equal(("Анна", (string?)null), (second!.Customer.Name, second.Customer.Phone));
        Assert.Equal(48, phoneOnly.IcsToken.Length);
        Assert.NotEqual(phoneOnly.IcsToken, nameOnly.IcsToken);
        Assert.Null(await Store.FindAsync("no-such-booking"));
        Assert.Null(await Store.FindByIcsTokenAsync(new string('0', 48)));
        Assert.Null(await Store.LatestInSeriesAsync("no-such-series"));
    }

    [Fact]
    public async Task A_moved_booking_continues_its_series_with_the_next_sequence_and_the_series_ends_cancelled()
    {
        var anna = new Customer("webchat/anna", "Анна", null);
        var first = (await Store.BookAsync(Olga(10), anna))!;
        var second = (await Store.BookAsync(Olga(13), anna, first.Id))!;
        var third = (await Store.BookAsync(Olga(16), anna, second.Id))!;

        Assert.Equal((first.Id, 0), (first.Series, first.Sequence));
        Assert.Equal((first.Id, 1), (second.Series, second.Sequence));
        Assert.Equal((first.Id, 2), (third.Series, third.Sequence));
        Assert.True((await Store.FindAsync(second.Id))!.Cancelled);
        Assert.Equal(third, await Store.LatestInSeriesAsync(first.Series));

        Assert.True(await Store.CancelAsync(third.Id, anna));
        Assert.Equal(third with { Cancelled = true }, await Store.LatestInSeriesAsync(first.Series));
        Assert.Null(await Store.BookAsync(Olga(17), anna, third.Id));     // a cancelled booking cannot be moved
    }

    [Fact]
    public async Task Strangers_may_hold_exactly_up_to_the_cap_and_not_a_minute_more()
    {
        var cap = TimeSpan.FromHours(2);

        var first = await Store.HoldAsync(Olga(10), "telegram/a", TimeSpan.FromMinutes(5), cap);
        var second = await Store.HoldAsync(Olga(12), "telegram/b", TimeSpan.FromMinutes(5), cap);
        var third = await Store.HoldAsync(Olga(14), "telegram/c", TimeSpan.FromMinutes(5), cap);

        Assert.Equal((HoldStatus.Held, HoldStatus.Held, HoldStatus.NotHeld), (first.Status, second.Status, third.Status));
    }

    [Fact]
    public async Task A_strangers_live_hold_blocks_a_booking_and_an_expired_one_does_not()
    {
        Assert.Equal(HoldStatus.Held, (await Store.HoldAsync(Olga(15), "telegram/holder", TimeSpan.FromMinutes(5), TimeSpan.FromHours(24))).Status);

        Assert.Null(await Store.BookAsync(Olga(15), new Customer("telegram/other", null, null)));
        Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.Null(await Store.BookAsync(Olga(15), new Customer("telegram/other", null, null)));            // the hold lasts its full five minutes...
        Clock.Advance(TimeSpan.FromTicks(1));                                                                 // ...and not a tick more
        Assert.NotNull(await Store.BookAsync(Olga(15), new Customer("telegram/other", null, null)));
    }

    [Fact]
    public async Task A_held_slot_is_kept_for_its_holder_until_the_hold_expires()
    {
        var anna = new Customer("webchat/anna", "Анна", null);
        var boris = new Customer("webchat/boris", "Борис", null);

        Assert.Equal(HoldStatus.Held, (await Store.HoldAsync(Olga(11), anna.Key, TimeSpan.FromMinutes(5), TimeSpan.FromHours(4))).Status);
        Assert.Equal(HoldStatus.Taken, (await Store.HoldAsync(Olga(11), boris.Key, TimeSpan.FromMinutes(5), TimeSpan.FromHours(4))).Status);
        Assert.Null(await Store.BookAsync(Olga(11), boris));
        Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.NotNull(await Store.BookAsync(Olga(11), boris));
        Assert.Null(await Store.BookAsync(Olga(11), anna));
    }

    [Fact]
    public async Task Only_the_customer_can_cancel_or_move_their_booking_and_a_stranger_learns_nothing()
    {
        var anna = new Customer("webchat/anna", "Анна", "+79123456789");
        var booking = (await Store.BookAsync(Olga(10), anna))!;

        Assert.False(await Store.CancelAsync(booking.Id, new Customer("webchat/mallory", null, "+70000000000")));
        Assert.False(await Store.CancelAsync("no-such-booking", anna));
        Assert.Null(await Store.BookAsync(Olga(12), new Customer("webchat/mallory", null, null), replacesBookingId: booking.Id));

        // The same person on another channel, recognised by phone, may move it.
        var moved = await Store.BookAsync(Olga(12), new Customer("telegram/555", "Анна", "+79123456789"), replacesBookingId: booking.Id);
        Assert.NotNull(moved);
        var upcoming = await Store.BookingsOfAsync(anna, new DateTime(2026, 11, 24, 10, 30, 0));
        Assert.Equal([moved!.Id], upcoming.Select(b => b.Id));
        Assert.True(await Store.CancelAsync(moved.Id, anna));
        Assert.Empty(await Store.BookingsOfAsync(anna, new DateTime(2026, 11, 24, 10, 30, 0)));
        Assert.Equal(moved.Id, (await Store.FindByIcsTokenAsync(moved.IcsToken))!.Id);
    }

    [Fact]
    public async Task Upcoming_bookings_are_after_the_given_moment_earliest_first()
    {
        var anna = new Customer("webchat/anna", "Анна", null);
        var late = (await Store.BookAsync(Olga(17), anna))!;
        var early = (await Store.BookAsync(Olga(10), anna))!;
        await Store.BookAsync(Olga(13), new Customer("webchat/boris", null, null));

        Assert.Equal([early.Id, late.Id], (await Store.BookingsOfAsync(anna, new DateTime(2026, 11, 25, 9, 0, 0))).Select(b => b.Id));
        Assert.Equal([late.Id], (await Store.BookingsOfAsync(anna, new DateTime(2026, 11, 25, 10, 0, 0))).Select(b => b.Id));
    }

    [Fact]
    public async Task A_customer_holds_one_slot_at_a_time_whatever_the_conversation()
    {
        var anna = new Customer("webchat/anna", "Анна", null);

        await Store.HoldAsync(Olga(10), anna.Key, TimeSpan.FromMinutes(5), TimeSpan.FromHours(9));
        await Store.HoldAsync(Olga(12), anna.Key, TimeSpan.FromMinutes(5), TimeSpan.FromHours(9));
        var busy = await Store.BusyAsync(new DateTime(2026, 11, 25), new DateTime(2026, 11, 26));

        Assert.Equal([Olga(12).Start], busy.Select(b => b.Start));
    }
}
