using System.Text.Json;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;
using Staffono.Skills.Handoff;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Handoff;

/// <summary>The @mention of the backup person in an overdue ticket's Teams thread. Nothing once someone has it.</summary>
public sealed class BackupPingRenderer(IHandoffStore store, TeamsOperatorOptions teams) : IOutboxRenderer
{
    public string Kind => HandoffEscalation.BackupKind;

    public async Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (teams.BackupUserId is not { } backup || await TicketPayload.StillWaitingAsync(store, message, cancellationToken) is not { } ticket)
        {
            return null;
        }

        var name = teams.BackupName ?? backup;
        var mentionText = $"<at>{name}</at>";
        var mention = new Entity("mention");
        mention.Properties["mentioned"] = JsonSerializer.SerializeToElement(new { id = backup, name });
        mention.Properties["text"] = JsonSerializer.SerializeToElement(mentionText);
        return new LogicalReply(Texts.Get(message.Language, "handoff.backup_ping", mentionText, ticket.Id)) { Entities = [mention] };
    }
}
