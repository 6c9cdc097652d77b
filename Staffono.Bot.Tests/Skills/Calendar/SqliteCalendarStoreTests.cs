using Microsoft.Data.Sqlite;
using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Calendar;

public sealed class SqliteCalendarStoreTests : CalendarStoreContract
{
    private readonly TempFolder _folder = new();

    protected override ICalendarStore OpenStore() => new SqliteCalendarStore(SharedSqliteFile.At(_folder.File("calendar.db")), Clock);

    public override void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }

    [Fact]
    public async Task The_file_s_folder_is_created_when_missing()
    {
        var store = new SqliteCalendarStore(SharedSqliteFile.At(Path.Combine(_folder.Path, "not", "yet", "there", "calendar.db")), Clock);
        var slot = new Slot("haircut", "olga", "tverskaya", new DateTime(2026, 11, 25, 15, 0, 0), new DateTime(2026, 11, 25, 16, 0, 0));

        Assert.NotNull(await store.BookAsync(slot, new Customer("telegram/p", null, null)));
    }

    [Fact]
    public async Task Bookings_in_a_file_from_before_series_become_their_own_series_and_can_move()
    {
        var path = _folder.File("old.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE calendar_bookings (
                    id TEXT PRIMARY KEY NOT NULL, service_id TEXT NOT NULL, staff_id TEXT NOT NULL, location_id TEXT NOT NULL,
                    start_ticks INTEGER NOT NULL, end_ticks INTEGER NOT NULL, customer_key TEXT NOT NULL, customer_name TEXT,
                    customer_phone TEXT, ics_token TEXT NOT NULL UNIQUE, cancelled INTEGER NOT NULL DEFAULT 0);
                INSERT INTO calendar_bookings VALUES ('b1', 'haircut', 'olga', 'tverskaya', $start, $end, 'webchat/anna', 'Анна', NULL, $token, 0);
                """;
            command.Parameters.AddWithValue("$start", new DateTime(2026, 11, 25, 11, 0, 0).Ticks);
            command.Parameters.AddWithValue("$end", new DateTime(2026, 11, 25, 12, 0, 0).Ticks);
            command.Parameters.AddWithValue("$token", new string('a', 48));
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var store = new SqliteCalendarStore(SharedSqliteFile.At(path), Clock);
        var old = (await store.FindAsync("b1"))!;
        var moved = (await store.BookAsync(old.Slot with { Start = old.Slot.Start.AddHours(3), End = old.Slot.End.AddHours(3) }, old.Customer, old.Id))!;

        Assert.Equal(("b1", 0, false), (old.Series, old.Sequence, old.Cancelled));
        Assert.Equal(("b1", 1), (moved.Series, moved.Sequence));
        Assert.Equal(moved, await store.LatestInSeriesAsync("b1"));
    }
}
