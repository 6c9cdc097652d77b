using System.Text.Json;
using System.Text.Json.Nodes;
using Staffono.Dialogs.Engine;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff.Teams;

/// <summary>
/// A ticket as an Adaptive Card 1.5 for a Teams channel, laid out like a support desk's ticket card: the
/// title and status up top (coloured by state), who and where, the summary, what was collected, the last
/// messages, a link to the whole transcript, and the actions the state allows. Buttons are Action.Execute
/// (a universal action: Teams answers it in place) with an Action.Submit fallback for older clients, and the
/// card asks to be refreshed, so whoever opens it sees the ticket as it is now.
/// </summary>
public static class TicketCard
{
    public const string Version = "1.5";

    /// <summary>How many of the last messages the card shows; the link has them all.</summary>
    public const int TranscriptLines = 6;

    private const int LineLength = 300;

    /// <param name="consoleUrl">The console's address for the transcript link; null leaves the link out.</param>
    /// <param name="refreshUserIds">Who Teams refreshes the card for automatically (their Teams ids, at most 60); others refresh by opening it.</param>
    public static JsonElement Build(HandoffRecord ticket, string language, TimeZoneInfo zone, DateTimeOffset now, string? consoleUrl, IReadOnlyList<string>? refreshUserIds = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var data = new JsonObject { ["ticket"] = ticket.Id };
        var refresh = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = Texts.Get(language, "card.refresh"), ["verb"] = TicketVerbs.Refresh, ["data"] = data.DeepClone() },
        };
        if (refreshUserIds is { Count: > 0 })
        {
            // Without the list everyone refreshes by opening the card; an empty list would name nobody.
            refresh["userIds"] = new JsonArray(refreshUserIds.Take(60).Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["refresh"] = refresh,
            ["body"] = Body(ticket, language, zone, now),
        };
        var actions = new JsonArray();
        if (ticket.State == HandoffState.Waiting)
        {
            actions.Add(Button(ticket, language, TicketVerbs.Claim, "card.claim", "positive"));
        }

        if (ticket.IsOpen)
        {
            actions.Add(Button(ticket, language, TicketVerbs.Close, "card.close", null));
            actions.Add(Button(ticket, language, TicketVerbs.Return, "card.return", null));
        }

        if (consoleUrl is not null)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = Texts.Get(language, "card.transcript"), ["url"] = consoleUrl.TrimEnd('/') + "/operator#" + ticket.Id });
        }

        if (actions.Count > 0)
        {
            ((JsonArray)card["body"]!).Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = actions });
        }

        return JsonSerializer.SerializeToElement(card);
    }

    /// <summary>"Взята: Анна, 14:05" — the state line, also what a refreshed card says first.</summary>
    public static string StatusLine(HandoffRecord ticket, string language, TimeZoneInfo zone, DateTimeOffset now)
    {
        string At(DateTimeOffset? at) => at is { } value ? HandoffSummary.Moment(language, value, zone, now) : string.Empty;
        return ticket.State switch
        {
            HandoffState.Waiting when ticket.EscalatedAt is not null => Texts.Get(language, "card.status_overdue", At(ticket.ClaimBy)),
            HandoffState.Waiting => Texts.Get(language, "card.status_waiting", At(ticket.ClaimBy)),
            HandoffState.Claimed => Texts.Get(language, "card.status_claimed", ticket.ClaimedBy, At(ticket.ClaimedAt)),
            HandoffState.Closed => Texts.Get(language, "card.status_closed", At(ticket.FinishedAt)),
            HandoffState.Returned => Texts.Get(language, "card.status_returned", At(ticket.FinishedAt)),
            _ => Texts.Get(language, "card.status_withdrawn", At(ticket.FinishedAt)),
        };
    }

    private static JsonArray Body(HandoffRecord ticket, string language, TimeZoneInfo zone, DateTimeOffset now)
    {
        var style = ticket.State switch
        {
            HandoffState.Waiting => "attention",
            HandoffState.Claimed => "good",
            _ => "default",
        };
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "Container",
                ["style"] = style,
                ["bleed"] = true,
                ["items"] = new JsonArray
                {
                    Text(Texts.Get(language, "card.title", ticket.Id, HandoffSummary.WorkflowName(language, ticket.Workflow)), size: "Large", bold: true),
                    Text(StatusLine(ticket, language, zone, now), subtle: true),
                },
            },
        };
        var facts = new List<(string, string)>
        {
            (Texts.Get(language, "card.customer"), ticket.CustomerName ?? Texts.Get(language, "handoff.customer")),
            (Texts.Get(language, "card.channel"), HandoffSummary.ChannelName(ticket.ConversationKey)),
            (Texts.Get(language, "card.priority"), Texts.Get(language, "card.priority_" + ticket.Priority.ToString().ToLowerInvariant())),
            (Texts.Get(language, "card.intent"), ticket.Intent is { } intent ? Texts.TryGet(language, "intent." + intent) ?? intent : "—"),
            (Texts.Get(language, "card.claim_by"), HandoffSummary.Moment(language, ticket.ClaimBy, zone, now)),
        };
        if (ticket.Contact is { } contact)
        {
            facts.Insert(1, (Texts.Get(language, "card.contact"), contact));
        }

        body.Add(Facts(facts));
        body.Add(Text(Texts.Get(language, "card.summary"), bold: true, spacing: "Medium"));
        body.Add(Text(Inert(ticket.Summary.Length > 0 ? ticket.Summary : ticket.Reason)));
        if (ticket.Fields.Count > 0)
        {
            body.Add(Text(Texts.Get(language, "card.fields"), bold: true, spacing: "Medium"));
            body.Add(Facts(ticket.Fields.Select(f => (HandoffSummary.FieldName(language, f.Key), f.Value)).ToList()));
        }

        var lines = ticket.Transcript.TakeLast(TranscriptLines).ToList();
        if (lines.Count > 0)
        {
            body.Add(Text(Texts.Get(language, "card.last_messages"), bold: true, spacing: "Medium"));
            var items = new JsonArray();
            foreach (var line in lines)
            {
                var who = line.FromCustomer ? Texts.Get(language, "card.from_customer") : line.Operator ?? Texts.Get(language, "card.from_bot");
                var text = line.Text.Length > LineLength ? line.Text[..LineLength] + "…" : line.Text;
                items.Add(Text($"{Inert(who)}: {Inert(text)}", subtle: !line.FromCustomer));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["style"] = "emphasis", ["items"] = items });
        }

        return body;
    }

    private static JsonObject Button(HandoffRecord ticket, string language, string verb, string titleKey, string? style)
    {
        var title = Texts.Get(language, titleKey);
        var button = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["id"] = verb,
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = new JsonObject { ["ticket"] = ticket.Id },
            // Clients without universal actions send a message with this data instead (PROTOCOL.md §6).
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = title,
                ["data"] = new JsonObject { ["verb"] = verb, ["ticket"] = ticket.Id },
            },
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }

    private static JsonObject Facts(IReadOnlyList<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = Inert(f.Title), ["value"] = Inert(f.Value) }).ToArray()),
    };

    /// <summary>
    /// Text from customers (and a model) without the power of a Markdown link: "[Verify your account](https://…)" typed
    /// by a customer must not become a button-like link on the operators' card. An invisible space breaks "](".
    /// </summary>
    public static string Inert(string text) => text.Replace("](", "]\u200B(", StringComparison.Ordinal);

    private static JsonObject Text(string text, string? size = null, bool bold = false, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }
}
