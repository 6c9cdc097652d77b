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
