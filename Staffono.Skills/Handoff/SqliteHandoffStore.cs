using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Staffono.Skills.Storage;

namespace Staffono.Skills.Handoff;

/// <summary>Handoff tickets in the process's SQLite file; ids are "H-" and the row number, so they stay short.</summary>
public sealed class SqliteHandoffStore : IHandoffStore
{
    private const string Columns = """
        number, conversation_key, conversation_reference, customer_key, customer_name, language, workflow, reason, fields, transcript, created_utc,
        priority, claim_by_utc, summary, contact, state, claimed_by, claimed_utc, first_reply_utc, finished_utc, escalated_utc, operator_thread, card_activity_id, intent
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ISqliteFile _database;

    public SqliteHandoffStore(ISqliteFile database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS handoff_requests (
                number INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_key TEXT NOT NULL, conversation_reference TEXT NOT NULL,
                customer_key TEXT NOT NULL, customer_name TEXT, language TEXT NOT NULL,
                workflow TEXT NOT NULL, reason TEXT NOT NULL, fields TEXT NOT NULL, transcript TEXT NOT NULL,
                created_utc INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS handoff_requests_conversation ON handoff_requests (conversation_key);
            CREATE TABLE IF NOT EXISTS handoff_audit (
                number INTEGER PRIMARY KEY AUTOINCREMENT, ticket INTEGER NOT NULL, at_utc INTEGER NOT NULL,
                actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT);
            CREATE INDEX IF NOT EXISTS handoff_audit_ticket ON handoff_audit (ticket);
            """);
        AddTicketColumns();
    }

    /// <summary>The columns tickets gained after the first handoff requests were stored, and their type.</summary>
    private static readonly (string Name, string Type)[] TicketColumns =
    [
        ("priority", "TEXT NOT NULL DEFAULT 'Normal'"), ("claim_by_utc", "INTEGER NOT NULL DEFAULT 0"), ("summary", "TEXT NOT NULL DEFAULT ''"),
        ("contact", "TEXT"), ("state", "TEXT NOT NULL DEFAULT 'Waiting'"), ("claimed_by", "TEXT"), ("claimed_utc", "INTEGER"),
        ("first_reply_utc", "INTEGER"), ("finished_utc", "INTEGER"), ("escalated_utc", "INTEGER"), ("operator_thread", "TEXT"),
        ("card_activity_id", "TEXT"), ("thread_id", "TEXT"), ("intent", "TEXT"),
    ];

    /// <summary>
    /// Files written before tickets had a life of their own gain each missing column (another instance adding it at the
    /// same moment is fine). Their requests come back waiting, due at once but counted as escalated already: the console
    /// shows them, and their customers do not get a "sorry for the wait" about a request from long ago.
    /// </summary>
    private void AddTicketColumns()
    {
        var added = false;
        foreach (var (name, type) in TicketColumns)
        {
            using var connection = _database.OpenForReading();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('handoff_requests') WHERE name = $name";
            command.Parameters.AddWithValue("$name", name);
            if ((long)command.ExecuteScalar()! > 0)
            {
                continue;
            }

            try
            {
                _database.Execute($"ALTER TABLE handoff_requests ADD COLUMN {name} {type}");
                added |= name == "escalated_utc";
            }
            catch (SqliteException ex) when (ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // Another instance added it first.
            }
        }

        if (added)
        {
            _database.Execute("UPDATE handoff_requests SET claim_by_utc = created_utc, escalated_utc = created_utc WHERE state = 'Waiting' AND claim_by_utc = 0");
        }

        _database.Execute("""
            CREATE INDEX IF NOT EXISTS handoff_requests_open ON handoff_requests (state);
            CREATE INDEX IF NOT EXISTS handoff_requests_thread ON handoff_requests (thread_id);
            """);
    }

    public async Task<HandoffRecord> CreateAsync(HandoffRecord request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = await _database.WriteAsync(async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO handoff_requests (conversation_key, conversation_reference, customer_key, customer_name, language, workflow, reason, fields, transcript, created_utc,
                    priority, claim_by_utc, summary, contact, state, intent)
                VALUES ($conversation, $reference, $customer, $name, $language, $workflow, $reason, $fields, $transcript, $created,
                    $priority, $claimBy, $summary, $contact, 'Waiting', $intent)
                RETURNING number
                """;
            command.Parameters.AddWithValue("$conversation", request.ConversationKey);
            command.Parameters.AddWithValue("$reference", request.ConversationReference);
            command.Parameters.AddWithValue("$customer", request.CustomerKey);
            command.Parameters.AddWithValue("$name", (object?)request.CustomerName ?? DBNull.Value);
            command.Parameters.AddWithValue("$language", request.Language);
            command.Parameters.AddWithValue("$workflow", request.Workflow);
            command.Parameters.AddWithValue("$reason", request.Reason);
            command.Parameters.AddWithValue("$fields", JsonSerializer.Serialize(request.Fields, Json));
            command.Parameters.AddWithValue("$transcript", JsonSerializer.Serialize(Capped(request.Transcript), Json));
            command.Parameters.AddWithValue("$created", request.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("$priority", request.Priority.ToString());
            command.Parameters.AddWithValue("$claimBy", request.ClaimBy.UtcTicks);
            command.Parameters.AddWithValue("$summary", request.Summary);
            command.Parameters.AddWithValue("$contact", (object?)request.Contact ?? DBNull.Value);
            command.Parameters.AddWithValue("$intent", (object?)request.Intent ?? DBNull.Value);
            var created = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            await InsertAuditAsync(connection, created, new HandoffAuditEntry(request.CreatedAt, "bot", "created", request.Reason), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }, cancellationToken);
        return (await FindAsync(IdOf(number), cancellationToken))!;
    }

    public async Task<HandoffRecord?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        NumberOf(id) is { } number ? (await QueryAsync("number = $key", number, cancellationToken)).FirstOrDefault() : null;

    public Task<IReadOnlyList<HandoffRecord>> OfConversationAsync(string conversationKey, CancellationToken cancellationToken = default) =>
        QueryAsync("conversation_key = $key ORDER BY number", conversationKey, cancellationToken);

    /// <remarks>
    /// Asked on every customer message, nearly always of a conversation with no ticket: a bare look at the index
    /// answers that, and the ticket is read whole only when there is one.
    /// </remarks>
    public async Task<HandoffRecord?> OpenOfConversationAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        long number;
        await using (var connection = _database.OpenForReading())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT number FROM handoff_requests WHERE conversation_key = $key AND state IN ('Waiting', 'Claimed') ORDER BY number DESC LIMIT 1";
            command.Parameters.AddWithValue("$key", conversationKey ?? string.Empty);
            if (await command.ExecuteScalarAsync(cancellationToken) is not long found)
            {
                return null;
            }

            number = found;
        }

        return await FindAsync(IdOf(number), cancellationToken);
    }

    public async Task<HandoffRecord?> FindByThreadAsync(string threadConversationId, CancellationToken cancellationToken = default) =>
        (await QueryAsync("thread_id = $key ORDER BY number DESC LIMIT 1", threadConversationId ?? string.Empty, cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<HandoffRecord>> ListAsync(DateTimeOffset finishedSince, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "state IN ('Waiting', 'Claimed') OR finished_utc >= $key ORDER BY CASE WHEN state IN ('Waiting', 'Claimed') THEN 0 ELSE 1 END, number",
            finishedSince.UtcTicks,
            cancellationToken);

    public Task<IReadOnlyList<HandoffRecord>> DueForEscalationAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync("state = 'Waiting' AND escalated_utc IS NULL AND claim_by_utc <= $key ORDER BY number", now.UtcTicks, cancellationToken);

    public async Task<(ClaimOutcome Outcome, HandoffRecord? Ticket)> ClaimAsync(string id, string operatorName, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorName);
        if (NumberOf(id) is not { } number)
        {
            return (ClaimOutcome.NotFound, null);
        }

        var taken = await ChangeAsync(
            number,
            "state = 'Claimed', claimed_by = $actor, claimed_utc = $at WHERE number = $number AND state = 'Waiting'",
            new HandoffAuditEntry(at, operatorName, "claimed", null),
            cancellationToken);
        var ticket = await FindAsync(id, cancellationToken);
        return ticket switch
        {
            null => (ClaimOutcome.NotFound, null),
            { State: HandoffState.Claimed } when taken => (ClaimOutcome.Claimed, ticket),
            { State: HandoffState.Claimed } when ticket.ClaimedBy == operatorName => (ClaimOutcome.AlreadyYours, ticket),
            { State: HandoffState.Claimed } => (ClaimOutcome.ClaimedByAnother, ticket),
            _ => (ClaimOutcome.Finished, ticket),
        };
    }

    public async Task<HandoffRecord?> FinishAsync(string id, HandoffState how, string actor, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (how is HandoffState.Waiting or HandoffState.Claimed)
        {
            throw new ArgumentOutOfRangeException(nameof(how), how, "A ticket finishes closed, returned or withdrawn.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (NumberOf(id) is not { } number)
        {
            return null;
        }

        var finished = await ChangeAsync(
            number,
            // Withdrawing is the customer's, only until someone has it: a claim that won the race stands.
            $"state = '{how}', finished_utc = $at WHERE number = $number AND state IN ({(how == HandoffState.Withdrawn ? "'Waiting'" : "'Waiting', 'Claimed'")})",
            new HandoffAuditEntry(at, actor, how.ToString().ToLowerInvariant(), null),
            cancellationToken);
        return finished ? await FindAsync(id, cancellationToken) : null;
    }

    public async Task<HandoffRecord?> AppendAsync(string id, TranscriptLine line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (NumberOf(id) is not { } number)
        {
            return null;
        }

        var found = await _database.WriteAsync(async connection =>
        {
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT transcript FROM handoff_requests WHERE number = $number";
            read.Parameters.AddWithValue("$number", number);
            if (await read.ExecuteScalarAsync(cancellationToken) is not string json)
            {
                return false;
            }

            var transcript = JsonSerializer.Deserialize<List<TranscriptLine>>(json, Json) ?? [];
            transcript.Add(line);
            await using var write = connection.CreateCommand();
            write.CommandText = line.Operator is null
                ? "UPDATE handoff_requests SET transcript = $transcript WHERE number = $number"
                : "UPDATE handoff_requests SET transcript = $transcript, first_reply_utc = COALESCE(first_reply_utc, $at) WHERE number = $number";
            write.Parameters.AddWithValue("$transcript", JsonSerializer.Serialize(Capped(transcript), Json));
            write.Parameters.AddWithValue("$at", line.At.UtcTicks);
            write.Parameters.AddWithValue("$number", number);
            await write.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }, cancellationToken);
        return found ? await FindAsync(id, cancellationToken) : null;
    }

    public async Task SetContactAsync(string id, string contact, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contact);
        if (NumberOf(id) is { } number)
        {
            await ChangeAsync(number, "contact = $detail WHERE number = $number", new HandoffAuditEntry(at, "customer", "contact_left", contact), cancellationToken);
        }
    }

    public async Task SetOperatorThreadAsync(string id, string threadConversationId, string threadReference, string? cardActivityId, CancellationToken cancellationToken = default)
    {
        if (NumberOf(id) is not { } number)
        {
            return;
        }

        await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE handoff_requests SET thread_id = $thread, operator_thread = $reference, card_activity_id = $card WHERE number = $number";
            command.Parameters.AddWithValue("$thread", threadConversationId);
            command.Parameters.AddWithValue("$reference", threadReference);
            command.Parameters.AddWithValue("$card", (object?)cardActivityId ?? DBNull.Value);
            command.Parameters.AddWithValue("$number", number);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<bool> MarkEscalatedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        NumberOf(id) is { } number
        && await ChangeAsync(number, "escalated_utc = $at WHERE number = $number AND state = 'Waiting' AND escalated_utc IS NULL", new HandoffAuditEntry(at, "bot", "escalated", null), cancellationToken);

    public async Task NoteAsync(string id, HandoffAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (NumberOf(id) is { } number)
        {
            await _database.WriteAsync(async connection =>
            {
                await InsertAuditAsync(connection, number, entry, cancellationToken);
                return true;
            }, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<HandoffAuditEntry>> AuditAsync(string id, CancellationToken cancellationToken = default)
    {
        var result = new List<HandoffAuditEntry>();
        if (NumberOf(id) is not { } number)
        {
            return result;
        }

        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at_utc, actor, action, detail FROM handoff_audit WHERE ticket = $ticket ORDER BY number";
        command.Parameters.AddWithValue("$ticket", number);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new HandoffAuditEntry(new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return result;
    }

    /// <summary>Runs one conditional update and, when it changed the ticket, writes its audit entry in the same transaction.</summary>
    private Task<bool> ChangeAsync(long number, string setAndWhere, HandoffAuditEntry audit, CancellationToken cancellationToken) =>
        _database.WriteAsync(async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE handoff_requests SET " + setAndWhere;
            command.Parameters.AddWithValue("$number", number);
            command.Parameters.AddWithValue("$actor", audit.Actor);
            command.Parameters.AddWithValue("$at", audit.At.UtcTicks);
            command.Parameters.AddWithValue("$detail", (object?)audit.Detail ?? DBNull.Value);
            var changed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (changed)
            {
                await InsertAuditAsync(connection, number, audit, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return changed;
        }, cancellationToken);

    private static async Task InsertAuditAsync(SqliteConnection connection, long number, HandoffAuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // Only for a ticket that exists: a note about a mistyped id must not start an audit of its own.
        command.CommandText = "INSERT INTO handoff_audit (ticket, at_utc, actor, action, detail) SELECT $ticket, $at, $actor, $action, $detail WHERE EXISTS (SELECT 1 FROM handoff_requests WHERE number = $ticket)";
        command.Parameters.AddWithValue("$ticket", number);
        command.Parameters.AddWithValue("$at", entry.At.UtcTicks);
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$detail", (object?)entry.Detail ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<HandoffRecord>> QueryAsync(string where, object key, CancellationToken cancellationToken)
    {
        await using var connection = _database.OpenForReading();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM handoff_requests WHERE {where}";
        command.Parameters.AddWithValue("$key", key);
        var result = new List<HandoffRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new HandoffRecord(
                IdOf(reader.GetInt64(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8), Json) ?? [],
                JsonSerializer.Deserialize<List<TranscriptLine>>(reader.GetString(9), Json) ?? [],
                Utc(reader.GetInt64(10)))
            {
                Priority = Enum.Parse<HandoffPriority>(reader.GetString(11)),
                ClaimBy = Utc(reader.GetInt64(12)),
                Summary = reader.GetString(13),
                Contact = reader.IsDBNull(14) ? null : reader.GetString(14),
                State = Enum.Parse<HandoffState>(reader.GetString(15)),
                ClaimedBy = reader.IsDBNull(16) ? null : reader.GetString(16),
                ClaimedAt = OptionalUtc(reader, 17),
                FirstReplyAt = OptionalUtc(reader, 18),
                FinishedAt = OptionalUtc(reader, 19),
                EscalatedAt = OptionalUtc(reader, 20),
                OperatorThread = reader.IsDBNull(21) ? null : reader.GetString(21),
                CardActivityId = reader.IsDBNull(22) ? null : reader.GetString(22),
                Intent = reader.IsDBNull(23) ? null : reader.GetString(23),
            });
        }

        return result;
    }

    private static IReadOnlyList<TranscriptLine> Capped(IReadOnlyList<TranscriptLine> lines) =>
        lines.Count > IHandoffStore.MaxTranscriptLines ? lines.Skip(lines.Count - IHandoffStore.MaxTranscriptLines).ToList() : lines;

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static DateTimeOffset? OptionalUtc(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : Utc(reader.GetInt64(column));

    private static long? NumberOf(string id) =>
        id is not null && id.StartsWith("H-", StringComparison.Ordinal) && id.Length > 2 && id[2] != '0'
        && long.TryParse(id.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string IdOf(long number) => "H-" + number.ToString(CultureInfo.InvariantCulture);
}
