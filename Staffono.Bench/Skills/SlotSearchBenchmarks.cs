using BenchmarkDotNet.Attributes;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;

namespace Staffono.Bench.Skills;

/// <summary>
/// Slot search over a 90-day horizon with 5 staff and 2,000 existing bookings (target: median ≤ 1 ms):
/// a day request, an hour request, and a request for a day that is fully booked (so the search runs
/// on to the following days).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SlotSearchBenchmarks
{
    private static readonly DateTime Now = new(2026, 11, 24, 10, 30, 0);
    private SlotFinder _finder = null!;
    private List<Slot> _busy = null!;

    [GlobalSetup]
    public void Setup()
    {
        var week = Enum.GetValues<DayOfWeek>();
        var staff = Enumerable.Range(1, 5).Select(i => new StaffMember(
            $"staff{i}", $"Staff {i}", ["haircut"],
            week.Where(d => d != DayOfWeek.Sunday).Select(d => new WorkingHours("main", d, new TimeOnly(9, 0), new TimeOnly(21, 0))).ToList(),
            new HashSet<DateOnly>())).ToList();
        var profile = new BusinessProfile(
            "Bench salon",
            TimeZoneInfo.Utc,
            [new Location("main", new LocalizedText("Главный", "Main"), new LocalizedText("Адрес", "Address"))],
            [new Service("haircut", new LocalizedText("Стрижка", "Haircut"), [], TimeSpan.FromMinutes(60), 1000, 2000, "RUB", false, ["main"])],
            staff,
            new HashSet<DateOnly>(),
            new BookingRules(TimeSpan.FromHours(1), 90, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), new TimeOnly(22, 0), new TimeOnly(9, 0)));
        _finder = new SlotFinder(profile);

        // 2,000 one-hour bookings spread over the horizon, and the day after tomorrow fully booked.
        var random = new Random(7);
        _busy = [];
        var fullDay = Now.Date.AddDays(2);
        foreach (var member in staff)
        {
            for (var hour = 9; hour < 21; hour++)
            {
                _busy.Add(new Slot("haircut", member.Id, "main", fullDay.AddHours(hour), fullDay.AddHours(hour + 1)));
            }
        }

        while (_busy.Count < 2000)
        {
            var day = Now.Date.AddDays(random.Next(3, 90));
            var start = day.AddHours(9 + random.Next(0, 12));
            _busy.Add(new Slot("haircut", $"staff{random.Next(1, 6)}", "main", start, start.AddHours(1)));
        }
    }

    [Benchmark]
    public int Day() => _finder.Find("haircut", null, new DateTimeResolution(Now.Date.AddDays(40), DateTimeGranularity.Day), _busy, Now).Slots.Count;

    [Benchmark]
    public int Hour() => _finder.Find("haircut", null, new DateTimeResolution(Now.Date.AddDays(40).AddHours(15), DateTimeGranularity.Hour), _busy, Now).Slots.Count;

    [Benchmark]
    public int FullyBookedDay() => _finder.Find("haircut", null, new DateTimeResolution(Now.Date.AddDays(2), DateTimeGranularity.Day), _busy, Now).Slots.Count;
}
