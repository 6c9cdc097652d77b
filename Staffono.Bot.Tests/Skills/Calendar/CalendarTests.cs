using Staffono.Bot.Hosting;
using Staffono.Skills.Customers;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Calendar;

/// <summary>Slot search over the demo salon, and the calendar plugin over a store (the store's own guarantees: CalendarStoreContract).</summary>
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
        Assert.Equal(SlotGap.Closed, offer.Gap);
        Assert.Equal([new DateTime(2027, 1, 3), new DateTime(2027, 1, 4), new DateTime(2027, 1, 5)], offer.Slots.Select(s => s.Start.Date));
    }

    [Fact]
    public void Why_nothing_was_free_when_asked_is_told_apart()
    {
        // Wednesday 25 November: haircuts at Tverskaya from 10:00 (Olga) to 21:00 (Elena).
        SlotOffer At(string when, DateTimeGranularity granularity, IReadOnlyList<Slot>? busy = null, string? staff = null) =>
            _finder.Find("haircut", "tverskaya", new DateTimeResolution(DateTime.Parse(when, System.Globalization.CultureInfo.InvariantCulture), granularity), busy ?? [], TuesdayMorning, staff);

        var early = At("2026-11-25T07:00", DateTimeGranularity.Hour);
        var late = At("2026-11-25T22:00", DateTimeGranularity.Hour);
        var almostOpen = At("2026-11-25T08:30", DateTimeGranularity.Minute);
        var sunday = At("2026-11-29T00:00", DateTimeGranularity.Day);
        var olgaOnSaturday = At("2026-11-28T00:00", DateTimeGranularity.Day, staff: "olga");
        var tooSoon = At("2026-11-24T10:45", DateTimeGranularity.Minute);
        var gone = At("2026-11-24T08:00", DateTimeGranularity.Hour);
        var allDay = new List<Slot> { new("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, 10, 0, 0), new DateTime(2026, 11, 25, 19, 0, 0)), new("haircut", "elena", "tverskaya", new DateTime(2026, 11, 25, 12, 0, 0), new DateTime(2026, 11, 25, 21, 0, 0)) };
        var booked = At("2026-11-25T11:00", DateTimeGranularity.Hour, allDay);

        Assert.Equal((false, SlotGap.NotWorkingThen, new TimeOnly(10, 0), new TimeOnly(21, 0)), (early.OnRequestedDay, early.Gap, early.Opens, early.Closes));
        Assert.Equal((true, SlotGap.NotWorkingThen, new DateTime(2026, 11, 25, 20, 0, 0)), (late.OnRequestedDay, late.Gap, late.Slots[^1].Start));
        // Times near enough to offer that day, and the reason the asked one is not among them.
        Assert.Equal((true, SlotGap.NotWorkingThen), (almostOpen.OnRequestedDay, almostOpen.Gap));
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0), almostOpen.Slots[0].Start);
        Assert.Equal((false, SlotGap.Closed), (sunday.OnRequestedDay, sunday.Gap));
        Assert.Equal((false, SlotGap.Closed), (olgaOnSaturday.OnRequestedDay, olgaOnSaturday.Gap));
        Assert.All(olgaOnSaturday.Slots, s => Assert.Equal("olga", s.StaffId));
        Assert.Equal((true, SlotGap.TooSoon, new DateTime(2026, 11, 24, 11, 30, 0)), (tooSoon.OnRequestedDay, tooSoon.Gap, tooSoon.Slots[0].Start));
        Assert.Equal((false, SlotGap.TooSoon), (gone.OnRequestedDay, gone.Gap));
        Assert.Equal((false, SlotGap.FullyBooked), (booked.OnRequestedDay, booked.Gap));
        Assert.Equal(SlotGap.None, At("2026-11-25T11:00", DateTimeGranularity.Hour).Gap);
    }

    [Fact]
    public void The_last_day_of_the_horizon_fully_booked_gets_the_nearest_days_before_it_not_nothing()
    {
        // 30 days from Tuesday 24 November is Thursday 24 December; every haircut that day at Tverskaya is taken.
        var lastDay = new DateTime(2026, 12, 24);
        var busy = new List<Slot> { new("haircut", "olga", "tverskaya", lastDay.AddHours(12), lastDay.AddHours(21)) };

        var offer = _finder.Find("haircut", "tverskaya", new DateTimeResolution(lastDay, DateTimeGranularity.Day), busy, TuesdayMorning);

        Assert.Equal(SlotGap.FullyBooked, offer.Gap);
        Assert.Equal([new DateTime(2026, 12, 21), new DateTime(2026, 12, 22), new DateTime(2026, 12, 23)], offer.Slots.Select(s => s.Start.Date));
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

    private SlotOffer Find(string when, DateTimeGranularity granularity) =>
        _finder.Find("haircut", null, new DateTimeResolution(DateTime.Parse(when, System.Globalization.CultureInfo.InvariantCulture), granularity), [], TuesdayMorning);
}
