using System.Text.Json;
using Microsoft.Extensions.Logging;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// A ticket nobody took by its claim-by time is escalated, once, through the outbox: the customer hears
/// the wait is longer and roughly how long, and the backup person is @mentioned in the ticket's Teams thread;
/// the card and the console show it overdue, and "SLA missed" is recorded. The host runs it on a timer;
/// tests call it with their own clock.
/// </summary>
public sealed class HandoffEscalation(IHandoffStore store, IOutbox outbox, IEnumerable<IOperatorChannel> channels, IOutcomeLog outcomes, HandoffOptions options, ILogger<HandoffEscalation>? logger = null)
{
    public const string WaitKind = "handoff.wait";
    public const string BackupKind = "handoff.backup_ping";

    /// <summary>Escalates every ticket due at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var escalated = 0;
        if (options.Mode == HandoffMode.Protocol)
        {
            // An agent hub queues and answers on its own terms; the bot does not speak in a conversation the hub has.
            return escalated;
        }

        var teams = options.Teams;
        foreach (var due in await store.DueForEscalationAsync(now, cancellationToken))
        {
            // Conditional: of several instances, one escalates each ticket.
            if (!await store.MarkEscalatedAsync(due.Id, now, cancellationToken))
            {
                continue;
            }

            escalated++;
            var payload = JsonSerializer.Serialize(new TicketPayload(due.Id));
            await outcomes.RecordAsync(new OutcomeEvent(due.ConversationKey, HandoffKinds.Workflow, HandoffKinds.SlaMissed, 0, now), due.Id, cancellationToken);
            await outbox.EnqueueAsync(new OutboxMessage($"handoff/{due.Id}/wait", WaitKind, now, null, due.ConversationReference, due.CustomerKey, due.Language, payload, Transactional: true), cancellationToken);
            if (due.OperatorThread is { } thread && !string.IsNullOrWhiteSpace(teams.BackupUserId))
            {
                await outbox.EnqueueAsync(new OutboxMessage($"handoff/{due.Id}/backup", BackupKind, now, null, thread, "msteams/" + teams.BackupUserId, options.OperatorLanguage, payload, Transactional: true), cancellationToken);
            }

            var ticket = await store.FindAsync(due.Id, cancellationToken) ?? due;
            await channels.TellAllAsync((channel, ct) => channel.TicketChangedAsync(ticket, ct), ticket.Id, logger, cancellationToken);
        }

        return escalated;
    }
}
