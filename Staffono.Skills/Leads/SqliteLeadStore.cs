using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Leads;

/// <summary>
/// The CRM in the process's SQLite file: one JSON document per lead, with the phone, e-mail and chat it is found by as
/// indexed columns, and the webhook's events beside it, written in the same transaction as the change they describe.
/// </summary>
public sealed class SqliteLeadStore : ILeadStore
{
    /// <summary>How leads and events are written: readable enum names, camelCase, as the webhook's receivers get them.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private const int FirstNumber = 1001;
    private readonly ISqliteFile _database;

    public SqliteLeadStore(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS crm_leads (
                id TEXT PRIMARY KEY NOT NULL, number INTEGER NOT NULL UNIQUE,
                phone_key TEXT, email_key TEXT, channel TEXT, updated_utc INTEGER NOT NULL, document TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS crm_leads_phone ON crm_leads (phone_key);
            CREATE INDEX IF NOT EXISTS crm_leads_email ON crm_leads (email_key);
            CREATE INDEX IF NOT EXISTS crm_leads_channel ON crm_leads (channel);
            CREATE TABLE IF NOT EXISTS crm_events (
                id TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL, lead_id TEXT NOT NULL, body TEXT NOT NULL,
                created_utc INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_utc INTEGER NOT NULL,
                delivered_utc INTEGER, last_error TEXT);
            CREATE INDEX IF NOT EXISTS crm_events_due ON crm_events (delivered_utc, next_utc);
            """);
    }

    public Task<Lead> SaveAsync(LeadChange change, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _database.WriteAsync(async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var existing = await FindByContactAsync(connection, transaction, change.Contact, cancellationToken);
            Lead lead;
            string type;
            if (existing is null)
            {
                var number = await NextNumberAsync(connection, transaction, cancellationToken);
                lead = new Lead(
                    $"L-{number}", change.Contact, change.Source, change.Project, new Dictionary<string, string>(change.Answers ?? new Dictionary<string, string>()),
                    change.Tier, change.Score, change.Summary ?? string.Empty, change.Stage ?? LeadStage.New, [new LeadHistoryEntry(at, change.Note)], at, at);
                type = CrmEventTypes.LeadCreated;
                await WriteAsync(connection, transaction, lead, number, insert: true, cancellationToken);
            }
            else
            {
                var answers = new Dictionary<string, string>(existing.Answers);
                foreach (var (key, value) in change.Answers ?? new Dictionary<string, string>())
                {
                    answers[key] = value;
                }

                lead = existing with
                {
                    Contact = existing.Contact.With(change.Contact),
                    Project = change.Project ?? existing.Project,
                    Answers = answers,
                    Tier = change.Tier ?? existing.Tier,
                    Score = change.Score ?? existing.Score,
                    Summary = change.Summary ?? existing.Summary,
                    Stage = change.Stage ?? existing.Stage,
                    History = [.. existing.History, new LeadHistoryEntry(at, change.Note)],
                    Updated = at,
                };
                type = CrmEventTypes.LeadUpdated;
                await WriteAsync(connection, transaction, lead, 0, insert: false, cancellationToken);
            }

            var eventId = Guid.NewGuid().ToString("N");
            var body = JsonSerializer.Serialize(new { id = eventId, type, occurred = at, lead }, Json);
            await using (var command = Command(connection, transaction, """
                INSERT INTO crm_events (id, type, lead_id, body, created_utc, next_utc) VALUES ($id, $type, $lead, $body, $at, $at)
                """))
            {
                command.Parameters.AddWithValue("$id", eventId);
                command.Parameters.AddWithValue("$type", type);
                command.Parameters.AddWithValue("$lead", lead.Id);
                command.Parameters.AddWithValue("$body", body);
                command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return lead;
        }, cancellationToken);
    }

    public async Task<Lead?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = _database.OpenForReading();
        await using var command = Command(connection, null, "SELECT document FROM crm_leads WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? Read(document) : null;
    }

    public async Task<Lead?> FindByContactAsync(LeadContact contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await using var connection = _database.OpenForReading();
        return await FindByContactAsync(connection, null, contact, cancellationToken);
    }

    public async Task<IReadOnlyList<Lead>> SearchAsync(string? text, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = Command(connection, null, "SELECT document FROM crm_leads ORDER BY updated_utc DESC, number DESC");
        var leads = new List<Lead>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (leads.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            var lead = Read(reader.GetString(0));
            if (string.IsNullOrWhiteSpace(text) || Mentions(lead, text.Trim()))
            {
                leads.Add(lead);
            }
        }

        return leads;
    }

    public Task<IReadOnlyList<CrmEvent>> ClaimEventsAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default) =>
        _database.WriteAsync<IReadOnlyList<CrmEvent>>(async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var events = new List<CrmEvent>();
            await using (var select = Command(connection, transaction, """
                SELECT id, type, lead_id, body, created_utc, attempts, last_error FROM crm_events
                WHERE delivered_utc IS NULL AND next_utc <= $now ORDER BY created_utc, rowid LIMIT $limit
                """))
            {
                select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                select.Parameters.AddWithValue("$limit", limit);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    events.Add(new CrmEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetInt32(5) + 1, null, reader.IsDBNull(6) ? null : reader.GetString(6)));
                }
            }

            foreach (var claimed in events)
            {
                await using var update = Command(connection, transaction, "UPDATE crm_events SET attempts = attempts + 1, next_utc = $until WHERE id = $id");
                update.Parameters.AddWithValue("$until", (now + lease).ToUnixTimeMilliseconds());
                update.Parameters.AddWithValue("$id", claimed.Id);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return events;
        }, cancellationToken);

    public Task MarkDeliveredAsync(string eventId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateEventAsync("UPDATE crm_events SET delivered_utc = $at, last_error = NULL WHERE id = $id AND delivered_utc IS NULL", eventId, at, null, cancellationToken);

    public Task MarkFailedAsync(string eventId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default) =>
        UpdateEventAsync("UPDATE crm_events SET next_utc = $at, last_error = $error WHERE id = $id AND delivered_utc IS NULL", eventId, retryAt, error, cancellationToken);

    public async Task<IReadOnlyList<CrmEvent>> EventsOfAsync(string leadId, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.OpenForReading();
        await using var command = Command(connection, null, """
            SELECT id, type, lead_id, body, created_utc, attempts, delivered_utc, last_error FROM crm_events WHERE lead_id = $lead ORDER BY created_utc, rowid
            """);
        command.Parameters.AddWithValue("$lead", leadId);
        var events = new List<CrmEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new CrmEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return events;
    }

    private Task UpdateEventAsync(string sql, string eventId, DateTimeOffset at, string? error, CancellationToken cancellationToken) =>
        _database.WriteAsync(async connection =>
        {
            await using var command = Command(connection, null, sql);
            command.Parameters.AddWithValue("$id", eventId);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            if (error is not null)
            {
                command.Parameters.AddWithValue("$error", error);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static bool Mentions(Lead lead, string text) =>
        new[] { lead.Id, lead.Contact.Name, lead.Contact.Phone, lead.Contact.Email, lead.Project, lead.Summary }
            .Any(field => field?.Contains(text, StringComparison.OrdinalIgnoreCase) == true)
        || (LeadContact.PhoneKey(text) is { } phone && LeadContact.PhoneKey(lead.Contact.Phone) == phone);

    private static async Task<Lead?> FindByContactAsync(SqliteConnection connection, SqliteTransaction? transaction, LeadContact contact, CancellationToken cancellationToken)
    {
        var phone = LeadContact.PhoneKey(contact.Phone);
        var email = LeadContact.EmailKey(contact.Email);
        var channel = contact.ChannelIdentity;
        if (phone is null && email is null && channel is null)
        {
            return null;
        }

        // A phone or an e-mail says who the person is more surely than a chat, which a shared device may share.
        await using var command = Command(connection, transaction, """
            SELECT document FROM crm_leads
            WHERE ($phone IS NOT NULL AND phone_key = $phone) OR ($email IS NOT NULL AND email_key = $email) OR ($channel IS NOT NULL AND channel = $channel)
            ORDER BY CASE WHEN phone_key = $phone OR email_key = $email THEN 0 ELSE 1 END, number LIMIT 1
            """);
        command.Parameters.AddWithValue("$phone", (object?)phone ?? DBNull.Value);
        command.Parameters.AddWithValue("$email", (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", (object?)channel ?? DBNull.Value);
        return await command.ExecuteScalarAsync(cancellationToken) is string document ? Read(document) : null;
    }

    private static async Task<int> NextNumberAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT MAX(number) FROM crm_leads");
        return await command.ExecuteScalarAsync(cancellationToken) is long last ? (int)last + 1 : FirstNumber;
    }

    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, Lead lead, int number, bool insert, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, insert
            ? "INSERT INTO crm_leads (id, number, phone_key, email_key, channel, updated_utc, document) VALUES ($id, $number, $phone, $email, $channel, $updated, $document)"
            : "UPDATE crm_leads SET phone_key = $phone, email_key = $email, channel = $channel, updated_utc = $updated, document = $document WHERE id = $id");
        command.Parameters.AddWithValue("$id", lead.Id);
        command.Parameters.AddWithValue("$number", number);
        command.Parameters.AddWithValue("$phone", (object?)LeadContact.PhoneKey(lead.Contact.Phone) ?? DBNull.Value);
        command.Parameters.AddWithValue("$email", (object?)LeadContact.EmailKey(lead.Contact.Email) ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", (object?)lead.Contact.ChannelIdentity ?? DBNull.Value);
        command.Parameters.AddWithValue("$updated", lead.Updated.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(lead, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Lead Read(string document) => JsonSerializer.Deserialize<Lead>(document, Json) ?? throw new InvalidDataException("A lead's document is empty.");

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
