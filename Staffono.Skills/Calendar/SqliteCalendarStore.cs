using Staffono.Skills.Customers;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Calendar;

/// <summary>
/// Bookings and holds in SQLite. Every change that must not double-book runs in one immediate
/// transaction that first checks the staff member's time is still free, so two customers racing
/// for one slot get exactly one booking. Times are the business's local time.
/// </summary>
public sealed class SqliteCalendarStore : ICalendarStore
{
    private const string BookingColumns = "id, service_id, staff_id, location_id, start_ticks, end_ticks, customer_key, customer_name, customer_phone, ics_token, cancelled, series, sequence, notes";

    private readonly ISqliteFile _database;
    private readonly TimeProvider _time;

    public SqliteCalendarStore(ISqliteFile database, TimeProvider? time = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? TimeProvider.System;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS calendar_bookings (
                id TEXT PRIMARY KEY NOT NULL, service_id TEXT NOT NULL, staff_id TEXT NOT NULL, location_id TEXT NOT NULL,
                start_ticks INTEGER NOT NULL, end_ticks INTEGER NOT NULL, customer_key TEXT NOT NULL, customer_name TEXT,
                customer_phone TEXT, ics_token TEXT NOT NULL UNIQUE, cancelled INTEGER NOT NULL DEFAULT 0,
                series TEXT, sequence INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS calendar_bookings_staff ON calendar_bookings (staff_id, start_ticks);
            CREATE TABLE IF NOT EXISTS calendar_holds (
                id TEXT PRIMARY KEY NOT NULL, service_id TEXT NOT NULL, staff_id TEXT NOT NULL, location_id TEXT NOT NULL,
                start_ticks INTEGER NOT NULL, end_ticks INTEGER NOT NULL, holder_key TEXT NOT NULL, expires_ticks INTEGER NOT NULL);
            """);
        // Files made before bookings had versions: each booking there is its own series (a NULL series: a booking never moved).
        AddColumnToOlderFiles("series", "ALTER TABLE calendar_bookings ADD COLUMN series TEXT; ALTER TABLE calendar_bookings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;");
        AddColumnToOlderFiles("notes", "ALTER TABLE calendar_bookings ADD COLUMN notes TEXT;");
        _database.Execute("CREATE INDEX IF NOT EXISTS calendar_bookings_series ON calendar_bookings (series, sequence)");
    }

    /// <summary>Files made before bookings had <paramref name="column"/>: it is added, empty.</summary>
    private void AddColumnToOlderFiles(string column, string sql)
    {
        using var connection = _database.OpenForReading();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('calendar_bookings') WHERE name = $name";
        command.Parameters.AddWithValue("$name", column);
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            try
            {
                _database.Execute(sql);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // Another instance opening the same file added it between our look and our change.
            }
        }
    }

    /// <summary>Booked and held time between <paramref name="from"/> and <paramref name="to"/>, per staff member.</summary>
    public async Task<IReadOnlyList<Slot>> BusyAsync(DateTime from, DateTime to, string? exceptHolder = null, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT service_id, staff_id, location_id, start_ticks, end_ticks FROM calendar_bookings WHERE cancelled = 0 AND start_ticks < $to AND end_ticks > $from
            UNION ALL
            SELECT service_id, staff_id, location_id, start_ticks, end_ticks FROM calendar_holds WHERE expires_ticks > $now AND start_ticks < $to AND end_ticks > $from AND holder_key <> $holder
            """;
        command.Parameters.AddWithValue("$from", from.Ticks);
        command.Parameters.AddWithValue("$to", to.Ticks);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$holder", exceptHolder ?? string.Empty);
        var result = new List<Slot>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Slot(reader.GetString(0), reader.GetString(1), reader.GetString(2), new DateTime(reader.GetInt64(3)), new DateTime(reader.GetInt64(4))));
        }

        return result;
    }

    /// <summary>
    /// Keeps <paramref name="slot"/> for <paramref name="holderKey"/> (dropping any other hold of theirs: one
    /// hold per customer), unless someone else booked or holds it (<see cref="HoldStatus.Taken"/>), or others'
    /// live holds on that staff member's day would cover more than <paramref name="maxHeldPerStaffDay"/>
    /// (<see cref="HoldStatus.NotHeld"/>).
    /// </summary>
    public async Task<HoldResult> HoldAsync(Slot slot, string holderKey, TimeSpan duration, TimeSpan maxHeldPerStaffDay, CancellationToken cancellationToken = default)
    {
        var expires = _time.GetUtcNow() + duration;
        var hold = new Hold(NewId(), slot, holderKey, expires);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            if (await OverlapsAsync(connection, transaction, slot, holderKey, cancellationToken))
            {
                return HoldResult.Taken;
            }

            var heldByOthers = await HeldTicksAsync(connection, transaction, slot.StaffId, slot.Start.Date, holderKey, cancellationToken);
            if (heldByOthers + (slot.End - slot.Start).Ticks > maxHeldPerStaffDay.Ticks)
            {
                return HoldResult.NotHeld;
            }

            await ExecuteAsync(connection, transaction, "DELETE FROM calendar_holds WHERE holder_key = $holder", cancellationToken, ("$holder", holderKey));
            await ExecuteAsync(connection, transaction,
                "INSERT INTO calendar_holds VALUES ($id, $service, $staff, $location, $start, $end, $holder, $expires)", cancellationToken,
                ("$id", hold.Id), ("$service", slot.ServiceId), ("$staff", slot.StaffId), ("$location", slot.LocationId),
                ("$start", slot.Start.Ticks), ("$end", slot.End.Ticks), ("$holder", holderKey), ("$expires", expires.UtcTicks));
            return new HoldResult(HoldStatus.Held, hold);
        }, cancellationToken);
    }

    /// <summary>How much of a staff member's day live holds of other customers cover.</summary>
    private async Task<long> HeldTicksAsync(SqliteConnection connection, SqliteTransaction transaction, string staffId, DateTime day, string exceptHolder, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(SUM(end_ticks - start_ticks), 0) FROM calendar_holds WHERE staff_id = $staff AND expires_ticks > $now AND start_ticks >= $from AND start_ticks < $to AND holder_key <> $holder";
        command.Parameters.AddWithValue("$staff", staffId);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$from", day.Ticks);
        command.Parameters.AddWithValue("$to", day.AddDays(1).Ticks);
        command.Parameters.AddWithValue("$holder", exceptHolder);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public async Task<Booking?> BookAsync(Slot slot, Customer customer, string? replacesBookingId = null, string? notes = null, CancellationToken cancellationToken = default)
    {
        return await InTransactionAsync(async (connection, transaction) =>
        {
            if (await OverlapsAsync(connection, transaction, slot, customer.Key, cancellationToken, ignoreBookingId: replacesBookingId))
            {
                return null;
            }

            var booking = new Booking(NewId(), slot, customer, NewToken(), Notes: notes);
            if (replacesBookingId is not null)
            {
                // Only the customer's own live booking can be moved; the new one continues its series.
                await using var find = connection.CreateCommand();
                find.Transaction = transaction;
                find.CommandText = "SELECT COALESCE(series, id), sequence FROM calendar_bookings WHERE id = $id AND cancelled = 0 AND (customer_key = $key OR (customer_phone IS NOT NULL AND customer_phone = $phone))";
                find.Parameters.AddWithValue("$id", replacesBookingId);
                find.Parameters.AddWithValue("$key", customer.Key);
                find.Parameters.AddWithValue("$phone", (object?)customer.Phone ?? DBNull.Value);
                await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return null;
                    }

                    booking = booking with { SeriesId = reader.GetString(0), Sequence = reader.GetInt32(1) + 1 };
                }

                await ExecuteAsync(connection, transaction, "UPDATE calendar_bookings SET cancelled = 1 WHERE id = $id", cancellationToken, ("$id", replacesBookingId));
            }

            await ExecuteAsync(connection, transaction,
                $"INSERT INTO calendar_bookings ({BookingColumns}) VALUES ($id, $service, $staff, $location, $start, $end, $key, $name, $phone, $token, 0, $series, $sequence, $notes)", cancellationToken,
                ("$id", booking.Id), ("$service", slot.ServiceId), ("$staff", slot.StaffId), ("$location", slot.LocationId),
                ("$start", slot.Start.Ticks), ("$end", slot.End.Ticks), ("$key", customer.Key), ("$name", (object?)customer.Name ?? DBNull.Value),
                ("$phone", (object?)customer.Phone ?? DBNull.Value), ("$token", booking.IcsToken), ("$series", (object?)booking.SeriesId ?? DBNull.Value), ("$sequence", booking.Sequence), ("$notes", (object?)notes ?? DBNull.Value));
            await ExecuteAsync(connection, transaction, "DELETE FROM calendar_holds WHERE holder_key = $key", cancellationToken, ("$key", customer.Key));
            return booking;
        }, cancellationToken);
    }

    /// <summary>The customer's upcoming bookings, matched by channel user or phone.</summary>
    public async Task<IReadOnlyList<Booking>> BookingsOfAsync(Customer customer, DateTime after, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {BookingColumns} FROM calendar_bookings WHERE cancelled = 0 AND start_ticks > $after AND (customer_key = $key OR (customer_phone IS NOT NULL AND customer_phone = $phone)) ORDER BY start_ticks";
        command.Parameters.AddWithValue("$after", after.Ticks);
        command.Parameters.AddWithValue("$key", customer.Key);
        command.Parameters.AddWithValue("$phone", (object?)customer.Phone ?? DBNull.Value);
        return await ReadBookingsAsync(command, cancellationToken);
    }

    /// <summary>Cancels the booking only if it is this customer's; false otherwise, revealing nothing about whose it is.</summary>
    public Task<bool> CancelAsync(string bookingId, Customer customer, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
            await ExecuteAsync(connection, transaction,
                "UPDATE calendar_bookings SET cancelled = 1 WHERE id = $id AND cancelled = 0 AND (customer_key = $key OR (customer_phone IS NOT NULL AND customer_phone = $phone))", cancellationToken,
                ("$id", bookingId), ("$key", customer.Key), ("$phone", (object?)customer.Phone ?? DBNull.Value)) == 1, cancellationToken);

    public async Task<Booking?> FindAsync(string bookingId, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {BookingColumns} FROM calendar_bookings WHERE id = $id";
        command.Parameters.AddWithValue("$id", bookingId);
        return (await ReadBookingsAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<Booking?> FindByIcsTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {BookingColumns} FROM calendar_bookings WHERE ics_token = $token";
        command.Parameters.AddWithValue("$token", token);
        return (await ReadBookingsAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<Booking?> LatestInSeriesAsync(string series, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {BookingColumns} FROM calendar_bookings WHERE series = $series OR id = $series ORDER BY sequence DESC LIMIT 1";
        command.Parameters.AddWithValue("$series", series);
        return (await ReadBookingsAsync(command, cancellationToken)).FirstOrDefault();
    }

    private async Task<bool> OverlapsAsync(SqliteConnection connection, SqliteTransaction transaction, Slot slot, string ownKey, CancellationToken cancellationToken, string? ignoreBookingId = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM calendar_bookings WHERE staff_id = $staff AND cancelled = 0 AND start_ticks < $end AND end_ticks > $start AND id <> $ignore)
                OR EXISTS (SELECT 1 FROM calendar_holds WHERE staff_id = $staff AND expires_ticks > $now AND start_ticks < $end AND end_ticks > $start AND holder_key <> $own)
            """;
        command.Parameters.AddWithValue("$staff", slot.StaffId);
        command.Parameters.AddWithValue("$start", slot.Start.Ticks);
        command.Parameters.AddWithValue("$end", slot.End.Ticks);
        command.Parameters.AddWithValue("$ignore", ignoreBookingId ?? string.Empty);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$own", ownKey);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
    }

    private static async Task<IReadOnlyList<Booking>> ReadBookingsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<Booking>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var slot = new Slot(reader.GetString(1), reader.GetString(2), reader.GetString(3), new DateTime(reader.GetInt64(4)), new DateTime(reader.GetInt64(5)));
            var customer = new Customer(reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
            result.Add(new Booking(reader.GetString(0), slot, customer, reader.GetString(9), reader.GetInt64(10) != 0, reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetInt32(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        return result;
    }

    private Task<T> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async connection =>
            {
                // Not deferred: the write lock is taken before the checks, so check-then-write is one step for every process.
                await using var transaction = connection.BeginTransaction(deferred: false);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
