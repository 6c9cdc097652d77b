using System.Text.Json;
using System.Text.Json.Nodes;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>
/// The handoff for deployments with an agent hub (Dynamics 365 Omnichannel and others), by the Bot Framework
/// handoff protocol: the ticket is kept as always, and the hub gets a <c>handoff.initiate</c> event with the
/// routing context and the transcript attached; the hub's <c>handoff.status</c> events (accepted, failed,
/// completed) are accepted, recorded on the ticket and measured. The hub carries the conversation itself.
/// </summary>
public sealed class AgentHubHandoff(HandoffTickets tickets, IHandoffStore store, IOutcomeLog outcomes, TimeProvider time) : IHandoff, IOperatorTurns
{
    public const string InitiateEvent = "handoff.initiate";
    public const string StatusEvent = "handoff.status";
    public const string HubActor = "agent hub";

    public async Task<string> HandOffAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken = default)
    {
        var ticket = await tickets.OpenAsync(turnContext, request, cancellationToken);
        var language = ticket.Language;
        await turnContext.SendActivityAsync(Texts.Message(language, "handoff.hub", ticket.Id), cancellationToken);
        await turnContext.SendActivityAsync(Initiate(ticket), cancellationToken);
        return ticket.Id;
    }

    /// <summary>The event the hub routes on: the context as the value, the transcript as an attachment named "Transcript".</summary>
    public static Activity Initiate(HandoffRecord ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var context = new JsonObject
        {
            ["ticket"] = ticket.Id,
            ["workflow"] = ticket.Workflow,
            ["intent"] = ticket.Intent,
            ["reason"] = ticket.Reason,
            ["priority"] = ticket.Priority.ToString().ToLowerInvariant(),
            ["summary"] = ticket.Summary,
            ["language"] = ticket.Language,
            ["customer"] = new JsonObject { ["key"] = ticket.CustomerKey, ["name"] = ticket.CustomerName },
            ["fields"] = new JsonObject(ticket.Fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))),
        };
        var transcript = new JsonObject
        {
            ["activities"] = new JsonArray(ticket.Transcript.Select(line => (JsonNode)new JsonObject
            {
                ["type"] = ActivityTypes.Message,
                ["text"] = line.Text,
                ["timestamp"] = line.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["from"] = new JsonObject { ["role"] = line.FromCustomer ? RoleTypes.User : RoleTypes.Bot },
            }).ToArray()),
        };
        return new Activity
        {
            Type = ActivityTypes.Event,
            Name = InitiateEvent,
            Value = JsonSerializer.SerializeToElement(context),
            Attachments = [new Attachment { ContentType = "application/json", Name = "Transcript", Content = JsonSerializer.SerializeToElement(transcript) }],
        };
    }

    /// <summary>The hub's <c>handoff.status</c>: recorded on the conversation's latest ticket; never refused.</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Event || activity.Name != StatusEvent)
        {
            return false;
        }

        var state = activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var message = activity.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var conversationKey = CustomerIdentity.ConversationKey(turnContext);
        var now = time.GetUtcNow();
        await outcomes.RecordAsync(new OutcomeEvent(conversationKey, HandoffKinds.Workflow, HandoffKinds.HubStatus, 0, now), message is null ? state ?? "unknown" : $"{state}: {message}", cancellationToken);
        var ticket = (await store.OfConversationAsync(conversationKey, cancellationToken)).LastOrDefault(t => t.IsOpen);
        if (ticket is null)
        {
            return true;
        }

        switch (state)
        {
            case "accepted":
                await store.ClaimAsync(ticket.Id, HubActor, now, cancellationToken);
                await outcomes.RecordAsync(new OutcomeEvent(conversationKey, HandoffKinds.Workflow, HandoffKinds.Claimed, 0, now), HandoffKinds.Timed(ticket.Id, ticket.CreatedAt, now), cancellationToken);
                break;
            case "completed":
                await store.FinishAsync(ticket.Id, HandoffState.Closed, HubActor, now, cancellationToken);
                await outcomes.RecordAsync(new OutcomeEvent(conversationKey, HandoffKinds.Workflow, HandoffKinds.ResolvedByOperator, 0, now), ticket.Id, cancellationToken);
                break;
            case "failed":
                await store.FinishAsync(ticket.Id, HandoffState.Returned, HubActor, now, cancellationToken);
                await store.NoteAsync(ticket.Id, new HandoffAuditEntry(now, HubActor, "failed", message), cancellationToken);
                await turnContext.SendActivityAsync(Texts.Message(ticket.Language, "handoff.hub_failed", ticket.Id), cancellationToken);
                break;
            default:
                await store.NoteAsync(ticket.Id, new HandoffAuditEntry(now, HubActor, "status", state), cancellationToken);
                break;
        }

        return true;
    }
}
