using Staffono.Bot.Hosting;
using Staffono.Skills.Customers;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Calendar;

/// <summary>Slot search over the demo salon, and the SQLite calendar's guarantees.</summary>
public sealed class CalendarTests : IDisposable
{
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
    private static readonly DateTime TuesdayMorning = new(2026, 11, 24, 10, 30, 0);
    private readonly TempFolder _folder = new();
    private readonly SlotFinder _finder = new(Salon);
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private readonly SqliteCalendarStore _store;

    public CalendarTests() => _store = new SqliteCalendarStore(SharedSqliteFile.At(_folder.File("calendar.db")), _clock);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_day_gets_slots_spread_over_that_day()
    {
        var offer = Find("2026-11-25T00:00", DateTimeGranularity.Day);

        Assert.True(offer.OnRequestedDay);
        Assert.Equal(["10:00", "15:00", "20:00"], offer.Slots.Select(s => $"{s.Start:HH:mm}"));
        Assert.All(offer.Slots, s => Assert.Equal(new DateTime(2026, 11, 25), s.Start.Date));
    }

    [Fact]
    public void An_hour_gets_that_hour_and_its_neighbours()
    {
        var offer = Find("2026-11-25T11:00", DateTimeGranularity.Hour);

        Assert.Equal(["10:45", "11:00", "11:15"], offer.Slots.Select(s => $"{s.Start:HH:mm}"));
    }

    [Fact]
    public void A_part_of_the_day_stays_within_it()
    {
        var offer = Find("2026-11-25T18:00", DateTimeGranularity.PartOfDay);

        Assert.Equal(["18:00", "19:00", "20:00"], offer.Slots.Select(s => $"{s.Start:HH:mm}"));
    }

    [Fact]
    public void The_lead_time_keeps_today_s_slots_at_least_an_hour_away()
    {
        var offer = Find("2026-11-24T00:00", DateTimeGranularity.Day);

        Assert.All(offer.Slots, s => Assert.True(s.Start >= TuesdayMorning.AddHours(1), $"{s.Start}"));
    }

    [Fact]
    public void A_closed_day_gets_the_nearest_days_that_are_open_said_plainly()
    {
        var offer = _finder.Find("haircut", null, new DateTimeResolution(new DateTime(2026, 12, 31), DateTimeGranularity.Day), [], new DateTime(2026, 12, 20, 10, 0, 0));

        Assert.False(offer.OnRequestedDay);
        Assert.Equal([new DateTime(2027, 1, 3), new DateTime(2027, 1, 4), new DateTime(2027, 1, 5)], offer.Slots.Select(s => s.Start.Date));
    }

    [Fact]
    public void A_taken_hour_gets_other_times_that_day_first_then_the_next_day()
    {
        // Wednesday at Tverskaya, every haircut between 9:00 and 14:00 taken: Olga and Elena are both busy then.
        var busy = new List<Slot>
        {
            new("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, 10, 0, 0), new DateTime(2026, 11, 25, 14, 30, 0)),
            new("haircut", "elena", "tverskaya", new DateTime(2026, 11, 25, 12, 0, 0), new DateTime(2026, 11, 25, 14, 30, 0)),
        };

        var offer = _finder.Find("haircut", "tverskaya", new DateTimeResolution(new DateTime(2026, 11, 25, 11, 0, 0), DateTimeGranularity.Hour), busy, TuesdayMorning);

        Assert.False(offer.OnRequestedDay);
        Assert.Equal(["25 14:30", "25 14:45", "26 12:00"], offer.Slots.Select(s => $"{s.Start:dd HH:mm}"));
    }

    [Fact]
    public void A_location_limits_the_offer_to_its_staff_and_beyond_the_horizon_there_is_nothing()
    {
        var arbat = _finder.Find("haircut", "arbat", new DateTimeResolution(new DateTime(2026, 11, 26), DateTimeGranularity.Day), [], TuesdayMorning);
        var tooFar = Find("2027-03-01T00:00", DateTimeGranularity.Day);

        Assert.All(arbat.Slots, s => Assert.Equal(("arbat", "marina"), (s.LocationId, s.StaffId)));
        Assert.Empty(tooFar.Slots);
    }

    [Fact]
    public async Task A_booked_time_is_not_offered_again()
    {
        var eleven = Find("2026-11-25T11:00", DateTimeGranularity.Hour).Slots.Single(s => s.Start.Hour == 11 && s.Start.Minute == 0);
        await _store.BookAsync(eleven, new Customer("webchat/anna", "Анна", null));

        var busy = await _store.BusyAsync(new DateTime(2026, 11, 25), new DateTime(2026, 11, 26));
        var offer = _finder.Find("haircut", null, new DateTimeResolution(new DateTime(2026, 11, 25, 11, 0, 0), DateTimeGranularity.Hour), busy, TuesdayMorning);

        Assert.DoesNotContain(offer.Slots, s => s.StaffId == eleven.StaffId && s.Start < eleven.End && eleven.Start < s.End);
    }

    [Fact]
    public async Task Two_customers_racing_for_one_slot_get_exactly_one_booking()
    {
        var slot = Find("2026-11-25T11:00", DateTimeGranularity.Hour).Slots[1];
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await new SqliteCalendarStore(SharedSqliteFile.At(_folder.File("calendar.db")), _clock).BookAsync(slot, new Customer($"telegram/{i}", null, null));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task The_calendar_itself_refuses_overlaps_whatever_a_dialog_did_before()
    {
        static Slot Olga(int hour, int minute = 0) =>
            new("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, hour, minute, 0), new DateTime(2026, 11, 25, hour, minute, 0).AddHours(1));
        var anna = new Customer("telegram/anna", "Анна", null);

        var annaAtEleven = await _store.BookAsync(Olga(11), anna);
        Assert.NotNull(annaAtEleven);
        Assert.Null(await _store.BookAsync(Olga(11, 15), new Customer("telegram/boris", null, null)));     // overlaps by 45 minutes
        Assert.Null(await _store.BookAsync(Olga(10, 15), new Customer("telegram/boris", null, null)));     // ...and from before
        Assert.NotNull(await _store.BookAsync(Olga(12), new Customer("telegram/vera", null, null)));       // back to back is fine
        Assert.NotNull(await _store.BookAsync(Olga(10), new Customer("telegram/gleb", null, null)));
        Assert.NotNull(await _store.BookAsync(Olga(11, 15) with { StaffId = "elena" }, new Customer("telegram/boris", null, null)));   // another master

        // Moving one's own booking onto part of its old time is not an overlap with itself.
        var moved = await _store.BookAsync(Olga(11, 0) with { End = new DateTime(2026, 11, 25, 11, 45, 0) }, anna, annaAtEleven!.Id);
        Assert.NotNull(moved);

        // A cancelled booking frees its time.
        Assert.True(await _store.CancelAsync(moved!.Id, anna));
        Assert.NotNull(await _store.BookAsync(Olga(11) with { End = new DateTime(2026, 11, 25, 11, 45, 0) }, new Customer("telegram/dina", null, null)));
    }

    [Fact]
    public async Task A_booking_reads_back_as_it_was_written_and_unknown_ids_and_tokens_find_nothing()
    {
        using var elsewhere = new TempFolder();
        var store = new SqliteCalendarStore(SharedSqliteFile.At(Path.Combine(elsewhere.Path, "not", "yet", "there", "calendar.db")), _clock);   // the folder is created
        var slot = new Slot("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, 15, 0, 0), new DateTime(2026, 11, 25, 16, 0, 0));
        var phoneOnly = (await store.BookAsync(slot, new Customer("telegram/p", null, "+79990001122")))!;
        var nameOnly = (await store.BookAsync(slot with { StaffId = "elena" }, new Customer("telegram/n", "Анна", null)))!;
        Assert.True(await store.CancelAsync(nameOnly.Id, nameOnly.Customer));

        var first = await store.FindAsync(phoneOnly.Id);
        var second = await store.FindByIcsTokenAsync(nameOnly.IcsToken);

        Assert.Equal(phoneOnly, first);
        Assert.Equal((null, "+79990001122", false), (first!.Customer.Name, first.Customer.Phone, first.Cancelled));
        Assert.Equal(nameOnly with { Cancelled = true }, second);
        Assert.Equal(("Анна", (string?)null), (second!.Customer.Name, second.Customer.Phone));
        Assert.Null(await store.FindAsync("no-such-booking"));
        Assert.Null(await store.FindByIcsTokenAsync(new string('0', 48)));
    }

    [Fact]
    public async Task Strangers_may_hold_exactly_up_to_the_cap_and_not_a_minute_more()
    {
        static Slot At(int hour) => new("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, hour, 0, 0), new DateTime(2026, 11, 25, hour + 1, 0, 0));
        var cap = TimeSpan.FromHours(2);

        var first = await _store.HoldAsync(At(10), "telegram/a", TimeSpan.FromMinutes(5), cap);
        var second = await _store.HoldAsync(At(12), "telegram/b", TimeSpan.FromMinutes(5), cap);
        var third = await _store.HoldAsync(At(14), "telegram/c", TimeSpan.FromMinutes(5), cap);

        Assert.Equal((HoldStatus.Held, HoldStatus.Held, HoldStatus.NotHeld), (first.Status, second.Status, third.Status));
    }

    [Fact]
    public async Task A_strangers_live_hold_blocks_a_booking_and_an_expired_one_does_not()
    {
        var slot = new Slot("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, 15, 0, 0), new DateTime(2026, 11, 25, 16, 0, 0));
        Assert.Equal(HoldStatus.Held, (await _store.HoldAsync(slot, "telegram/holder", TimeSpan.FromMinutes(5), TimeSpan.FromHours(24))).Status);

        Assert.Null(await _store.BookAsync(slot, new Customer("telegram/other", null, null)));
        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.Null(await _store.BookAsync(slot, new Customer("telegram/other", null, null)));            // the hold lasts its full five minutes...
        _clock.Advance(TimeSpan.FromTicks(1));                                                             // ...and not a tick more
        Assert.NotNull(await _store.BookAsync(slot, new Customer("telegram/other", null, null)));
    }

    [Fact]
    public async Task A_held_slot_is_kept_for_its_holder_until_the_hold_expires()
    {
        var slot = Find("2026-11-25T11:00", DateTimeGranularity.Hour).Slots[0];
        var anna = new Customer("webchat/anna", "Анна", null);
        var boris = new Customer("webchat/boris", "Борис", null);

        Assert.Equal(HoldStatus.Held, (await _store.HoldAsync(slot, anna.Key, Salon.Booking.HoldDuration, TimeSpan.FromHours(4))).Status);
        Assert.Equal(HoldStatus.Taken, (await _store.HoldAsync(slot, boris.Key, Salon.Booking.HoldDuration, TimeSpan.FromHours(4))).Status);
        Assert.Null(await _store.BookAsync(slot, boris));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.NotNull(await _store.BookAsync(slot, boris));
        Assert.Null(await _store.BookAsync(slot, anna));
    }

    [Fact]
    public async Task Only_the_customer_can_cancel_or_move_their_booking_and_a_stranger_learns_nothing()
    {
        var slots = Find("2026-11-25T00:00", DateTimeGranularity.Day).Slots;
        var anna = new Customer("webchat/anna", "Анна", "+79123456789");
        var booking = (await _store.BookAsync(slots[0], anna))!;

        Assert.False(await _store.CancelAsync(booking.Id, new Customer("webchat/mallory", null, "+70000000000")));
        Assert.False(await _store.CancelAsync("no-such-booking", anna));
        Assert.Null(await _store.BookAsync(slots[1], new Customer("webchat/mallory", null, null), replacesBookingId: booking.Id));

        // The same person on another channel, recognised by phone, may move it.
        var moved = await _store.BookAsync(slots[1], new Customer("telegram/555", "Анна", "+79123456789"), replacesBookingId: booking.Id);
        Assert.NotNull(moved);
        var upcoming = await _store.BookingsOfAsync(anna, TuesdayMorning);
        Assert.Equal([moved!.Id], upcoming.Select(b => b.Id));
        Assert.True(await _store.CancelAsync(moved.Id, anna));
        Assert.Empty(await _store.BookingsOfAsync(anna, TuesdayMorning));
        Assert.Equal(moved.Id, (await _store.FindByIcsTokenAsync(moved.IcsToken))!.Id);
    }

    [Fact]
    public async Task Holds_of_strangers_cover_at_most_half_a_staff_members_day()
    {
        // Wednesday 25 November: Olga works 10:00-19:00 at Tverskaya, nine hours, so holds may cover four and a half.
        var calendar = new CalendarPlugin(Salon, _store, _clock);
        var wednesday = new DateTime(2026, 11, 25);
        var statuses = new List<HoldStatus>();
        for (var hour = 10; hour < 19; hour++)
        {
            var slot = new Slot("haircut", "olga", "tverskaya", wednesday.AddHours(hour), wednesday.AddHours(hour + 1));
            statuses.Add((await calendar.HoldAsync(slot, new Customer($"webchat/stranger-{hour}", null, null), new Staffono.Skills.Ai.DialogGrant())).Status);
        }

        var held = (await _store.BusyAsync(wednesday, wednesday.AddDays(1))).Where(b => b.StaffId == "olga").ToList();
        var fresh = await calendar.FindSlotsAsync("haircut", "tverskaya", new DateTimeResolution(wednesday.AddHours(15), DateTimeGranularity.Hour), "webchat/fresh");

        Assert.Equal([.. Enumerable.Repeat(HoldStatus.Held, 4), .. Enumerable.Repeat(HoldStatus.NotHeld, 5)], statuses);
        Assert.Equal(TimeSpan.FromHours(4), held.Aggregate(TimeSpan.Zero, (sum, b) => sum + (b.End - b.Start)));
        Assert.Contains(fresh.Slots, s => s.StaffId == "olga" && s.Start.Date == wednesday);
    }

    [Fact]
    public async Task A_customer_holds_one_slot_at_a_time_whatever_the_conversation()
    {
        var slots = Find("2026-11-25T00:00", DateTimeGranularity.Day).Slots;
        var anna = new Customer("webchat/anna", "Анна", null);

        await _store.HoldAsync(slots[0], anna.Key, Salon.Booking.HoldDuration, TimeSpan.FromHours(9));
        await _store.HoldAsync(slots[1], anna.Key, Salon.Booking.HoldDuration, TimeSpan.FromHours(9));
        var busy = await _store.BusyAsync(slots[0].Start.Date, slots[0].Start.Date.AddDays(1));

        Assert.Equal([slots[1].Start], busy.Select(b => b.Start));
    }

    private SlotOffer Find(string when, DateTimeGranularity granularity) =>
        _finder.Find("haircut", null, new DateTimeResolution(DateTime.Parse(when, System.Globalization.CultureInfo.InvariantCulture), granularity), [], TuesdayMorning);
}
