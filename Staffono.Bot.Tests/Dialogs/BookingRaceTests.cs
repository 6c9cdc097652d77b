using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs;
using Staffono.Dialogs.Booking;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs;

public sealed class BookingRaceTests
{
    [Fact]
    public async Task Two_conversations_picking_the_same_slot_at_once_end_with_one_booking_and_fresh_options_for_the_other()
    {
        var salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
        var storage = new MemoryStorage();
        using var anna = new DialogTestFlow(storage, "ru-RU", "conv-anna", ChannelIds.Webchat, _ => throw new InvalidOperationException(), TestBot.Factory(salon, clock, folder.File("calendar.db")));
        using var boris = new DialogTestFlow(storage, "ru-RU", "conv-boris", ChannelIds.Telegram, _ => throw new InvalidOperationException(), TestBot.Factory(salon, clock, folder.File("calendar.db")));

        await anna.SendAsync("Можно завтра в 11 на стрижку на Тверской?");
        await boris.SendAsync("Можно завтра в 11 на стрижку на Тверской?");
        var picks = await Task.WhenAll(anna.SendAsync("в 11:00"), boris.SendAsync("в 11:00"));
        var confirms = await Task.WhenAll(anna.SendAsync("да"), boris.SendAsync("да"));

        var all = picks.Concat(confirms).SelectMany(r => r).ToList();
        Assert.Single(all, r => r.StartsWith("Готово! Вы записаны на завтра в 11:00.", StringComparison.Ordinal));

        // The other customer hears the time was just taken and, in the same breath, gets fresh times without it.
        var loser = picks.Concat(confirms).Single(r => r.Any(t => t.StartsWith("Это время только что заняли.", StringComparison.Ordinal))).ToList();
        var fresh = loser[loser.FindIndex(t => t.StartsWith("Это время только что заняли.", StringComparison.Ordinal)) + 1];
        Assert.StartsWith("Могу завтра в ", fresh, StringComparison.Ordinal);
        Assert.DoesNotContain("в 11:00", fresh, StringComparison.Ordinal);
        var busy = await new SqliteCalendarStore(SharedSqliteFile.At(folder.File("calendar.db")), clock).BusyAsync(new DateTime(2026, 11, 25), new DateTime(2026, 11, 26));
        Assert.Single(busy, b => b.Start == new DateTime(2026, 11, 25, 11, 0, 0));
    }
}
