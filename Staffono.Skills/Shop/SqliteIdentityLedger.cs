using Staffono.Skills.Storage;

namespace Staffono.Skills.Shop;

/// <summary>Identity checks in the process's SQLite file.</summary>
public sealed class SqliteIdentityLedger : IIdentityLedger
{
    private readonly ISqliteFile _database;

    public SqliteIdentityLedger(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS shop_identity_failures (order_number TEXT, conversation_key TEXT NOT NULL, at_utc INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS shop_identity_failures_by_order ON shop_identity_failures (order_number, at_utc);
            CREATE INDEX IF NOT EXISTS shop_identity_failures_by_conversation ON shop_identity_failures (conversation_key, at_utc);
            CREATE TABLE IF NOT EXISTS shop_verified_contacts (
                conversation_key TEXT NOT NULL, contact_key TEXT NOT NULL, at_utc INTEGER NOT NULL, PRIMARY KEY (conversation_key, contact_key));
            """);
    }

    public Task RecordFailureAsync(string? orderNumber, string conversationKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        return _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO shop_identity_failures (order_number, conversation_key, at_utc) VALUES ($order, $conversation, $at)";
                command.Parameters.AddWithValue("$order", (object?)orderNumber?.ToUpperInvariant() ?? DBNull.Value);
                command.Parameters.AddWithValue("$conversation", conversationKey);
                command.Parameters.AddWithValue("$at", at.UtcTicks);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> LockedUntilAsync(string? orderNumber, string conversationKey, IdentityRules rules, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        await using var connection = _database.OpenForReading();
        DateTimeOffset? until = null;
        foreach (var (column, value) in new[] { ("conversation_key", conversationKey), ("order_number", orderNumber?.ToUpperInvariant()) })
        {
            if (value is null)
            {
                continue;
            }

            // The latest failures, as many as the attempts allow: close enough together, they lock until the last of
            // them plus the lock time — however long ago the first one was by now.
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT at_utc FROM shop_identity_failures WHERE {column} = $value ORDER BY at_utc DESC LIMIT $attempts";
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$attempts", rules.Attempts);
            var times = new List<long>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    times.Add(reader.GetInt64(0));
                }
            }

            if (times.Count >= rules.Attempts && times[0] - times[^1] <= rules.LockFor.Ticks)
            {
                var end = new DateTimeOffset(times[0], TimeSpan.Zero) + rules.LockFor;
                if (end > now && (until is null || end > until))
                {
                    until = end;
                }
            }
        }

        return until;
    }

    public Task RememberVerifiedAsync(string conversationKey, string contactKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentException.ThrowIfNullOrEmpty(contactKey);
        return _database.WriteAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT OR IGNORE INTO shop_verified_contacts (conversation_key, contact_key, at_utc) VALUES ($conversation, $contact, $at)";
                command.Parameters.AddWithValue("$conversation", conversationKey);
                command.Parameters.AddWithValue("$contact", contactKey);
                command.Parameters.AddWithValue("$at", at.UtcTicks);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<string>> VerifiedContactsAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT contact_key FROM shop_verified_contacts WHERE conversation_key = $conversation ORDER BY at_utc";
        command.Parameters.AddWithValue("$conversation", conversationKey);
        var contacts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            contacts.Add(reader.GetString(0));
        }

        return contacts;
    }
}
