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
/// a ticket's thread (relayed to the customer), and the app being added to a team (its channel learnt).
/// Teams conversations that are not about tickets are not the customers' bot's business: they get a short note.
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

        var refreshFor = activity.From?.AadObjectId is { } aad ? new[] { aad } : null;
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

    /// <summary>An operator's message in a ticket's thread goes to the customer (the @mention of the bot Teams needs is dropped).</summary>
    private async Task RelayReplyAsync(ITurnContext turnContext, HandoffRecord ticket, CancellationToken cancellationToken)
    {
        var text = Mention().Replace(turnContext.Activity.Text ?? string.Empty, string.Empty).Trim();
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

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
