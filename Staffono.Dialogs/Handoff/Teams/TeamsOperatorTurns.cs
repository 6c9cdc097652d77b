using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Staffono.Dialogs.Engine;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff.Teams;

/// <summary>
/// What operators do in Teams: a card's button (the <c>adaptiveCard/action</c> invoke of Action.Execute,
/// answered with the universal-action response — the refreshed card, or an error when someone else has the
/// ticket — or the Action.Submit fallback's message, after which the card is updated in place), a reply in
/// a ticket's thread that mentions the bot (relayed to the customer; what operators say among themselves stays in the
/// thread), and the app being added to a team (its channel learnt). A mention outside a ticket's thread gets a short note.
/// </summary>
public sealed partial class TeamsOperatorTurns(OperatorDesk desk, TeamsOperatorChannel channel, TeamsChannelDirectory directory, IHandoffStore store) : IOperatorTurns
{
    public const string InvokeName = "adaptiveCard/action";
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const string ErrorContentType = "application/vnd.microsoft.error";

    public async Task<bool> TryHandleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.ChannelId != ChannelIds.MsTeams)
        {
            return false;
        }

        switch (activity.Type)
        {
            case ActivityTypes.ConversationUpdate:
                await directory.LearnAsync(activity, cancellationToken);
                // Operators joining a team are not customers to greet.
                return activity.Conversation?.IsGroup == true || activity.GetChannelDataString("team.id") is not null;
            case ActivityTypes.Invoke when activity.Name == InvokeName:
                turnContext.InvokeResponse = await ExecuteAsync(activity, cancellationToken);
                return true;
            case ActivityTypes.Message when ActionOf(activity.Value) is { } submitted:
                await SubmittedAsync(turnContext, submitted.Verb, submitted.Ticket, cancellationToken);
                return true;
            case ActivityTypes.Message when activity.Conversation?.IsGroup == true && BotMentionIn(activity) is null:
                // Operators talking among themselves (Teams sends the bot every message where it may read the channel).
                return true;
            case ActivityTypes.Message when activity.Conversation?.Id is { } conversationId && await store.FindByThreadAsync(conversationId, cancellationToken) is { } ticket:
                await RelayReplyAsync(turnContext, ticket, cancellationToken);
                return true;
            case ActivityTypes.Message when activity.Conversation?.IsGroup == true:
                await turnContext.SendActivityAsync(Texts.Message(desk.OperatorLanguage, "desk.not_a_ticket"), cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Action.Execute: do it, answer with the card as it is now; an error body when it could not be done.</summary>
    private async Task<InvokeResponse> ExecuteAsync(Activity activity, CancellationToken cancellationToken)
    {
        var action = activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("action", out var a) ? a : default;
        var verb = action.ValueKind == JsonValueKind.Object && action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var ticketId = action.ValueKind == JsonValueKind.Object && action.TryGetProperty("data", out var data) ? ActionOf(data)?.Ticket ?? TicketOf(data) : null;
        if (verb is null || ticketId is null)
        {
            return Answer(400, ErrorContentType, Error("BadRequest", Texts.Get(desk.OperatorLanguage, "desk.bad_action")));
        }

        var result = await ActAsync(verb, ticketId, OperatorOf(activity), cancellationToken);
        if (result is null)
        {
            return Answer(400, ErrorContentType, Error("BadRequest", Texts.Get(desk.OperatorLanguage, "desk.bad_action")));
        }

        if (!result.Succeeded)
        {
            return Answer(400, ErrorContentType, Error(result.Outcome == DeskOutcome.ClaimedByAnother ? "TicketClaimed" : result.Outcome.ToString(), result.Problem!));
        }

        // The one who pressed sees the card kept current automatically (Teams wants the user's Teams id here).
        var refreshFor = activity.From?.Id is { Length: > 0 } user ? new[] { user } : null;
        return Answer(200, CardContentType, JsonNode.Parse(channel.CardOf(result.Ticket!, refreshFor).GetRawText())!);
    }

    /// <summary>Action.Submit: the desk updates the card in place; a problem is said in the thread.</summary>
    private async Task SubmittedAsync(ITurnContext turnContext, string verb, string ticketId, CancellationToken cancellationToken)
    {
        var result = await ActAsync(verb, ticketId, OperatorOf(turnContext.Activity), cancellationToken);
        if (result is null)
        {
            await turnContext.SendActivityAsync(Texts.Message(desk.OperatorLanguage, "desk.bad_action"), cancellationToken);
        }
        else if (!result.Succeeded)
        {
            await turnContext.SendActivityAsync(Activity.CreateMessage(result.Problem), cancellationToken);
        }
        else if (verb == TicketVerbs.Refresh)
        {
            await channel.TicketChangedAsync(result.Ticket!, cancellationToken);
        }
    }

    private async Task<DeskResult?> ActAsync(string verb, string ticketId, string operatorName, CancellationToken cancellationToken) => verb switch
    {
        TicketVerbs.Claim => await desk.ClaimAsync(ticketId, operatorName, cancellationToken),
        TicketVerbs.Close => await desk.FinishAsync(ticketId, operatorName, HandoffState.Closed, cancellationToken),
        TicketVerbs.Return => await desk.FinishAsync(ticketId, operatorName, HandoffState.Returned, cancellationToken),
        TicketVerbs.Refresh => await store.FindAsync(ticketId, cancellationToken) is { } found
            ? new DeskResult(DeskOutcome.Done, found)
            : new DeskResult(DeskOutcome.NotFound, null, Texts.Get(desk.OperatorLanguage, "desk.not_found", ticketId)),
        _ => null,
    };

    /// <summary>
    /// An operator's message to the bot in a ticket's thread goes to the customer: without the bot's @mention, and with
    /// other people's mentions as their plain names.
    /// </summary>
    private async Task RelayReplyAsync(ITurnContext turnContext, HandoffRecord ticket, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text ?? string.Empty;
        if (BotMentionIn(turnContext.Activity) is { Length: > 0 } botMention)
        {
            text = text.Replace(botMention, string.Empty, StringComparison.Ordinal);
        }

        text = Mention().Replace(text, m => m.Groups["name"].Value).Trim();
        if (text.Length == 0)
        {
            return;
        }

        var result = await desk.ReplyAsync(ticket.Id, OperatorOf(turnContext.Activity), text, cancellationToken);
        if (!result.Succeeded)
        {
            await turnContext.SendActivityAsync(Activity.CreateMessage(result.Problem), cancellationToken);
        }
    }

    /// <summary>The text of the mention of this bot in the message ("&lt;at&gt;Staffono&lt;/at&gt;"), or null when the bot is not mentioned.</summary>
    private static string? BotMentionIn(Activity activity)
    {
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Type == "mention"
                && entity.Properties.TryGetValue("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object
                && mentioned.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == activity.Recipient?.Id)
            {
                return entity.Properties.TryGetValue("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() ?? string.Empty : string.Empty;
            }
        }

        return null;
    }

    private static string OperatorOf(Activity activity) =>
        activity.From?.Name is { Length: > 0 } name ? name : activity.From?.Id ?? "operator";

    private static (string Verb, string Ticket)? ActionOf(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
        && TicketOf(data) is { } ticket
            ? (verb.GetString()!, ticket)
            : null;

    private static string? TicketOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("ticket", out var ticket) && ticket.ValueKind == JsonValueKind.String ? ticket.GetString() : null;

    private static JsonObject Error(string code, string message) => new() { ["code"] = code, ["message"] = message };

    private static InvokeResponse Answer(int statusCode, string type, JsonNode value) =>
        new(200, JsonSerializer.SerializeToElement(new JsonObject { ["statusCode"] = statusCode, ["type"] = type, ["value"] = value }));

    [GeneratedRegex("<at>(?<name>[^<]*)</at>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
