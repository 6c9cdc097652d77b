using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Outbox;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Handoff;
using Staffono.Skills.Analytics;
using Staffono.Skills.Handoff;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Operators;

/// <summary>
/// Handoff to Teams through the real host and a loopback Bot Connector: the ticket's card in a new channel
/// thread, the universal-action invoke answered with the refreshed card (or "already claimed"), the customer's
/// and the operator's words relayed both ways, the Submit fallback, return to the bot, escalation with an
/// @mention, and Teams refusing the app. The customer writes on Telegram: relay works on any channel.
/// </summary>
public sealed class TeamsHandoffTests : IAsyncLifetime
{
    private const string Customer = "tg-chat-1";
    private const string Channel = "19:ops@thread.tacv2";

    /// <summary>Tuesday 24 November 2026, 14:05 in Moscow: the salon is open.</summary>
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 11, 5, 0, TimeSpan.Zero));
    private TeamsConnector _connector = null!;
    private RunningHost _host = null!;
    private int _activityIds;

    public async Task InitializeAsync()
    {
        _connector = await TeamsConnector.StartAsync();
        _host = await RunningHost.StartAsync(
            null,
            services => services.AddSingleton<TimeProvider>(_clock),
            "--Outbox:Dispatch=false",
            $"--Handoff:Teams:ChannelId={Channel}",
            "--Handoff:Teams:TenantId=tenant-1",
            $"--Handoff:Teams:ServiceUrl={_connector.ServiceUrl}",
            "--Handoff:Teams:BackupUserId=29:boris",
            "--Handoff:Teams:BackupName=Boris",
            "--Handoff:ConsoleUrl=https://bot.example.com/");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_ticket_goes_to_the_channel_as_a_card_is_claimed_relayed_both_ways_and_returned_to_the_bot()
    {
        await CustomerSaysAsync("позовите оператора");

        // The card: a new thread in the configured channel, created the way Teams requires.
        var created = Assert.Single(_connector.ThreadsCreated());
        Assert.True(created.GetProperty("isGroup").GetBoolean());
        Assert.Equal("tenant-1", created.GetProperty("tenantId").GetString());
        Assert.Equal(Channel, created.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("tenant-1", created.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        var attachment = Assert.Single(created.GetProperty("activity").GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal(("AdaptiveCard", "1.5"), (card.GetProperty("type").GetString(), card.GetProperty("version").GetString()));
        Assert.Equal("Заявка H-1 · просьба позвать человека", CardTitle(card));
        Assert.Equal("Ждёт оператора · взять до 14:15", CardStatus(card));
        Assert.Equal(["claim", "close", "return"], ExecuteVerbs(card));
        var facts = card.GetProperty("body")[1].GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal(("Анна", "telegram", "обычный", "поговорить с человеком", "14:15"), (facts["Клиент"], facts["Канал"], facts["Приоритет"], facts["Запрос"], facts["Взять до"]));
        Assert.All(Actions(card).Where(a => a.GetProperty("type").GetString() == "Action.Execute"), a =>
        {
            var fallback = a.GetProperty("fallback");
            Assert.Equal("Action.Submit", fallback.GetProperty("type").GetString());
            Assert.Equal(a.GetProperty("verb").GetString(), fallback.GetProperty("data").GetProperty("verb").GetString());
            Assert.Equal("H-1", fallback.GetProperty("data").GetProperty("ticket").GetString());
        });
        Assert.Equal("https://bot.example.com/operator#H-1", Actions(card).Single(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString());
        Assert.Equal("refresh", card.GetProperty("refresh").GetProperty("action").GetProperty("verb").GetString());
        Assert.False(card.GetProperty("refresh").TryGetProperty("userIds", out _));
        Assert.Contains("Передал ваш запрос человеку вместе со всем, что вы написали (заявка H-1). Оператор ответит здесь же, в этом чате, обычно в течение 10 мин.", _connector.TextsInto(Customer));

        // While it waits, what the customer writes appears in the card's thread.
        await CustomerSaysAsync("мне нужно перенести запись на пятницу");
        Assert.Equal(["Анна: мне нужно перенести запись на пятницу"], _connector.TextsInto(TeamsConnector.Thread));

        // Anna claims with the card's Action.Execute: the answer is the card as it is now, for her and (updated in place) for everyone.
        _clock.Advance(TimeSpan.FromSeconds(30));
        var claimed = await InvokeAsync("claim", "Anna Petrova", "aad-anna");
        Assert.Equal(200, claimed.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", claimed.GetProperty("type").GetString());
        Assert.Equal("Взята: Anna Petrova, 14:05", CardStatus(claimed.GetProperty("value")));
        Assert.Equal(["close", "return"], ExecuteVerbs(claimed.GetProperty("value")));
        Assert.Equal(["29:aad-anna"], claimed.GetProperty("value").GetProperty("refresh").GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
        var update = Assert.Single(_connector.CallsInto(), c => c.Method == "PUT");
        Assert.Equal((TeamsConnector.Thread, TeamsConnector.CardId), (update.Conversation, update.ActivityId));
        Assert.Equal("Взята: Anna Petrova, 14:05", CardStatus(update.Body.GetProperty("attachments")[0].GetProperty("content")));
        Assert.Equal("Оператор Anna подключился к разговору — пишите, ответит здесь.", _connector.TextsInto(Customer)[^1]);

        // Boris is too late: the universal-action error body, and the ticket stays Anna's.
        var second = await InvokeAsync("claim", "Boris Ivanov", "aad-boris");
        Assert.Equal(400, second.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", second.GetProperty("type").GetString());
        Assert.Equal("TicketClaimed", second.GetProperty("value").GetProperty("code").GetString());
        Assert.Equal("Заявку H-1 уже взял(а) Anna Petrova.", second.GetProperty("value").GetProperty("message").GetString());

        // While claimed, the bot keeps quiet: the customer's words go to the thread only.
        var toCustomer = _connector.TextsInto(Customer).Count;
        await CustomerSaysAsync("вы тут?");
        Assert.Equal("Анна: вы тут?", _connector.TextsInto(TeamsConnector.Thread)[^1]);
        Assert.Equal(toCustomer, _connector.TextsInto(Customer).Count);

        // Anna answers in the thread (mentioning the bot, as Teams needs): the customer gets it, signed with her first name.
        _clock.Advance(TimeSpan.FromSeconds(45));
        await OperatorSaysAsync("<at>Staffono</at> Здравствуйте! Перенесём на пятницу, 15:00 подойдёт?", "Anna Petrova");
        Assert.Equal("Anna (оператор): Здравствуйте! Перенесём на пятницу, 15:00 подойдёт?", _connector.TextsInto(Customer)[^1]);

        // What operators say among themselves in the thread (no mention of the bot) stays there; a colleague's mention reads as a name.
        var threadMessages = _connector.TextsInto(TeamsConnector.Thread).Count;
        await OperatorSaysAsync("Борис, глянь, у неё запись на пятницу уже есть?", "Anna Petrova", mentionBot: false);
        Assert.Equal((threadMessages, "Anna (оператор): Здравствуйте! Перенесём на пятницу, 15:00 подойдёт?"), (_connector.TextsInto(TeamsConnector.Thread).Count, _connector.TextsInto(Customer)[^1]));
        await OperatorSaysAsync("<at>Staffono</at> Уточню у <at>Boris Ivanov</at> и вернусь", "Anna Petrova");
        Assert.Equal("Anna (оператор): Уточню у Boris Ivanov и вернусь", _connector.TextsInto(Customer)[^1]);

        // Boris writing in her ticket's thread reaches nobody but the thread.
        await OperatorSaysAsync("<at>Staffono</at> я тоже тут", "Boris Ivanov");
        Assert.Equal("Заявку H-1 уже взял(а) Anna Petrova.", _connector.TextsInto(TeamsConnector.Thread)[^1]);
        Assert.DoesNotContain(_connector.TextsInto(Customer), t => t.Contains("я тоже тут", StringComparison.Ordinal));

        // The Submit fallback: a message carrying the data; the card is updated in place, the customer is told.
        _clock.Advance(TimeSpan.FromMinutes(2));
        await SubmitAsync("return", "Anna Petrova");
        var returned = _connector.CallsInto().Last(c => c.Method == "PUT");
        Assert.Equal(TeamsConnector.CardId, returned.ActivityId);
        Assert.Equal("Возвращена боту, 14:08", CardStatus(returned.Body.GetProperty("attachments")[0].GetProperty("content")));
        Assert.Empty(ExecuteVerbs(returned.Body.GetProperty("attachments")[0].GetProperty("content")));
        Assert.Equal("Оператор передал разговор мне, боту (заявка H-1). Чем ещё помочь?", _connector.TextsInto(Customer)[^1]);

        // The bot answers the customer again.
        await CustomerSaysAsync("хочу записаться на стрижку завтра");
        Assert.StartsWith("Могу завтра в", _connector.TextsInto(Customer)[^1], StringComparison.Ordinal);

        var ticket = (await _host.Services.GetRequiredService<IHandoffStore>().FindAsync("H-1"))!;
        Assert.Equal((HandoffState.Returned, "Anna Petrova"), (ticket.State, ticket.ClaimedBy));
        Assert.Equal(
            [(true, "мне нужно перенести запись на пятницу", null), (true, "вы тут?", null), (false, "Здравствуйте! Перенесём на пятницу, 15:00 подойдёт?", "Anna Petrova"), (false, "Уточню у Boris Ivanov и вернусь", "Anna Petrova")],
            ticket.Transcript.SkipWhile(l => l.Text != "мне нужно перенести запись на пятницу").Select(l => (l.FromCustomer, l.Text, l.Operator)));
        Assert.Equal(
            [("bot", "created"), ("bot", "teams_card_posted"), ("Anna Petrova", "claimed"), ("Anna Petrova", "replied"), ("Anna Petrova", "replied"), ("Anna Petrova", "returned")],
            (await _host.Services.GetRequiredService<IHandoffStore>().AuditAsync("H-1")).Select(a => (a.Actor, a.Action)));

        // The KPIs: created with its reason, time to claim, time to first reply, returned to the bot.
        var events = (await _host.Services.GetRequiredService<IOutcomeLog>().ReadAsync($"telegram/{Customer}")).Where(e => e.Event.Workflow == HandoffKinds.Workflow).ToList();
        Assert.Equal(
            [("created", "H-1: human: the customer asked for a person: «позовите оператора»"), ("claimed", "H-1: 30"), ("first_reply", "H-1: 75"), ("returned_to_bot", "H-1: Anna Petrova")],
            events.Select(e => (e.Event.Kind, e.Detail)));
    }

    [Fact]
    public async Task Closing_the_ticket_tells_the_customer_and_counts_as_resolved_by_the_operator()
    {
        await CustomerSaysAsync("позовите оператора");
        await InvokeAsync("claim", "Anna Petrova", "aad-anna");

        var closed = await InvokeAsync("close", "Anna Petrova", "aad-anna");

        Assert.Equal(200, closed.GetProperty("statusCode").GetInt32());
        Assert.Equal("Закрыта, 14:05", CardStatus(closed.GetProperty("value")));
        Assert.Equal("Оператор завершил разговор по заявке H-1. Если нужно что-то ещё — я здесь.", _connector.TextsInto(Customer)[^1]);
        var again = await InvokeAsync("claim", "Boris Ivanov", "aad-boris");
        Assert.Equal(("application/vnd.microsoft.error", "Заявка H-1 уже закрыта."), (again.GetProperty("type").GetString(), again.GetProperty("value").GetProperty("message").GetString()));
        var events = await _host.Services.GetRequiredService<IOutcomeLog>().ReadAsync($"telegram/{Customer}");
        Assert.Contains(events, e => e.Event is { Workflow: HandoffKinds.Workflow, Kind: HandoffKinds.ResolvedByOperator });
    }

    [Fact]
    public async Task An_invoke_that_names_no_ticket_or_an_unknown_verb_gets_an_error_body_not_a_crash()
    {
        await CustomerSaysAsync("позовите оператора");

        var unknownVerb = await InvokeAsync("delete", "Anna Petrova", "aad-anna");
        var unknownTicket = await InvokeAsync("claim", "Anna Petrova", "aad-anna", ticket: "H-99");

        Assert.Equal((400, "application/vnd.microsoft.error"), (unknownVerb.GetProperty("statusCode").GetInt32(), unknownVerb.GetProperty("type").GetString()));
        Assert.Equal("Заявки H-99 нет.", unknownTicket.GetProperty("value").GetProperty("message").GetString());
        Assert.Equal(HandoffState.Waiting, (await _host.Services.GetRequiredService<IHandoffStore>().FindAsync("H-1"))!.State);
    }

    [Fact]
    public async Task A_ticket_nobody_takes_in_time_pings_the_backup_with_a_mention_and_tells_the_customer_the_wait()
    {
        await CustomerSaysAsync("позовите оператора");
        var escalation = _host.Services.GetRequiredService<HandoffEscalation>();
        var outbox = _host.Services.GetRequiredService<OutboxDispatcher>();

        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, await escalation.RunOnceAsync(_clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await escalation.RunOnceAsync(_clock.GetUtcNow()));
        Assert.Equal(0, await escalation.RunOnceAsync(_clock.GetUtcNow()));
        Assert.Equal(2, await outbox.RunOnceAsync());

        var ping = _connector.CallsInto().Last(c => c.Method == "POST" && c.Conversation == TeamsConnector.Thread);
        Assert.Equal("<at>Boris</at>, заявку H-1 никто не взял вовремя — возьмите её, пожалуйста.", ping.Body.GetProperty("text").GetString());
        var mention = Assert.Single(ping.Body.GetProperty("entities").EnumerateArray());
        Assert.Equal(("mention", "<at>Boris</at>", "29:boris", "Boris"), (
            mention.GetProperty("type").GetString(), mention.GetProperty("text").GetString(),
            mention.GetProperty("mentioned").GetProperty("id").GetString(), mention.GetProperty("mentioned").GetProperty("name").GetString()));
        Assert.Equal("Извините за ожидание: все операторы пока заняты. Заявка H-1 в работе первой очередью, ответим здесь примерно в течение 10 мин.", _connector.TextsInto(Customer)[^1]);
        Assert.Equal("Просрочена: нужно было взять до 14:15", CardStatus(_connector.CallsInto().Last(c => c.Method == "PUT").Body.GetProperty("attachments")[0].GetProperty("content")));
        var events = await _host.Services.GetRequiredService<IOutcomeLog>().ReadAsync($"telegram/{Customer}");
        Assert.Contains(events, e => e.Event is { Workflow: HandoffKinds.Workflow, Kind: HandoffKinds.SlaMissed });
    }

    [Fact]
    public async Task A_ticket_claimed_before_its_escalation_is_sent_sends_nothing()
    {
        await CustomerSaysAsync("позовите оператора");
        _clock.Advance(TimeSpan.FromMinutes(11));
        await _host.Services.GetRequiredService<HandoffEscalation>().RunOnceAsync(_clock.GetUtcNow());
        await InvokeAsync("claim", "Anna Petrova", "aad-anna");
        var toCustomer = _connector.TextsInto(Customer).Count;

        await _host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync();

        Assert.Equal(toCustomer, _connector.TextsInto(Customer).Count);
        Assert.DoesNotContain(_connector.TextsInto(TeamsConnector.Thread), t => t.Contains("<at>Boris</at>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Teams_refusing_the_app_is_recorded_and_the_ticket_waits_in_the_console()
    {
        _connector.RefuseThreads = HttpStatusCode.Forbidden;

        await CustomerSaysAsync("позовите оператора");

        Assert.Contains(_connector.TextsInto(Customer), t => t.StartsWith("Передал ваш запрос человеку", StringComparison.Ordinal));
        var audit = await _host.Services.GetRequiredService<IHandoffStore>().AuditAsync("H-1");
        var refused = Assert.Single(audit, a => a.Action == "teams_refused");
        Assert.StartsWith("403 MessageWritesBlocked", refused.Detail, StringComparison.Ordinal);
        var events = await _host.Services.GetRequiredService<IOutcomeLog>().ReadAsync($"telegram/{Customer}");
        Assert.Contains(events, e => e.Event is { Workflow: HandoffKinds.Workflow, Kind: HandoffKinds.ChannelFailed });

        // The console has it, and can take it from there.
        using var console = new HttpRequestMessage(HttpMethod.Get, "operator/api/tickets");
        console.Headers.Authorization = new("Bearer", _host.Services.GetRequiredService<Staffono.Bot.Operators.OperatorKey>().Value);
        using var listed = await _host.Client.SendAsync(console);
        var tickets = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tickets");
        Assert.Equal(("H-1", "waiting"), (tickets[0].GetProperty("id").GetString(), tickets[0].GetProperty("state").GetString()));

        // Teams is left alone for a while after saying the app is gone: the next ticket does not knock again.
        await CustomerSaysAsync("отмена");
        await CustomerSaysAsync("позовите оператора");
        Assert.Single(_connector.ThreadsCreated());
        Assert.Contains(await _host.Services.GetRequiredService<IHandoffStore>().AuditAsync("H-2"), a => a.Action == "teams_skipped");
    }

    [Fact]
    public async Task An_operator_s_words_to_a_messenger_customer_carry_the_human_agent_tag_and_the_bot_s_own_do_not()
    {
        await CustomerSaysAsync("позовите оператора", channel: "facebook");
        await InvokeAsync("claim", "Anna Petrova", "aad-anna");
        await OperatorSaysAsync("<at>Staffono</at> Здравствуйте!", "Anna Petrova");

        var toCustomer = _connector.CallsInto().Where(c => c.Method == "POST" && c.Conversation == Customer).Select(c => c.Body).ToList();
        var claimed = toCustomer.Single(b => b.GetProperty("text").GetString()!.StartsWith("Оператор Anna", StringComparison.Ordinal));
        var reply = toCustomer.Single(b => b.GetProperty("text").GetString() == "Anna (оператор): Здравствуйте!");
        Assert.False(claimed.TryGetProperty("channelData", out _));
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (reply.GetProperty("channelData").GetProperty("messaging_type").GetString(), reply.GetProperty("channelData").GetProperty("tag").GetString()));
    }

    [Fact]
    public async Task Without_a_configured_channel_the_one_the_app_was_added_to_is_learnt_and_remembered()
    {
        await using var connector = await TeamsConnector.StartAsync();
        await using var host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");
        var added = new
        {
            type = "conversationUpdate", id = "cu-1", channelId = "msteams", serviceUrl = connector.ServiceUrl,
            from = new { id = "29:admin", name = "Admin" }, recipient = new { id = "28:staffono-app", name = "Staffono" },
            conversation = new { id = "19:general@thread.tacv2", isGroup = true, conversationType = "channel", tenantId = "tenant-9" },
            membersAdded = new[] { new { id = "28:staffono-app" } },
            channelData = new { team = new { id = "19:general@thread.tacv2", name = "Salon" }, tenant = new { id = "tenant-9" }, eventType = "teamMemberAdded" },
        };
        using (var response = await host.Client.PostAsJsonAsync("api/messages", added))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Someone adding the app to another team later does not get the tickets.
        using (var response = await host.Client.PostAsJsonAsync("api/messages", new
        {
            type = "conversationUpdate", id = "cu-2", channelId = "msteams", serviceUrl = connector.ServiceUrl,
            from = new { id = "29:stranger", name = "Stranger" }, recipient = new { id = "28:staffono-app", name = "Staffono" },
            conversation = new { id = "19:elsewhere@thread.tacv2", isGroup = true, conversationType = "channel", tenantId = "tenant-other" },
            membersAdded = new[] { new { id = "28:staffono-app" } },
            channelData = new { team = new { id = "19:elsewhere@thread.tacv2", name = "Elsewhere" }, tenant = new { id = "tenant-other" }, eventType = "teamMemberAdded" },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The operators' team is not greeted as if it were a customer.
        Assert.Empty(connector.Server.Requests);
        using (var response = await host.Client.PostAsJsonAsync("api/messages", new
        {
            type = "message", id = "m-1", channelId = "telegram", serviceUrl = connector.ServiceUrl, locale = "ru-RU",
            from = new { id = "tg-user-2", name = "Борис" }, recipient = new { id = "bot" }, conversation = new { id = "tg-chat-2" }, text = "позовите оператора",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var created = Assert.Single(connector.ThreadsCreated());
        Assert.Equal(("19:general@thread.tacv2", "tenant-9", "28:staffono-app"), (
            created.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString(),
            created.GetProperty("tenantId").GetString(),
            created.GetProperty("bot").GetProperty("id").GetString()));
    }

    private async Task CustomerSaysAsync(string text, string channel = "telegram")
    {
        var activity = new
        {
            type = "message", id = $"tg-{Interlocked.Increment(ref _activityIds)}", channelId = channel, serviceUrl = _connector.ServiceUrl, locale = "ru-RU",
            from = new { id = "tg-user-1", name = "Анна" }, recipient = new { id = "staffono-bot" }, conversation = new { id = Customer }, text,
        };
        using var response = await _host.Client.PostAsJsonAsync("api/messages", activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A message in the ticket's thread; mentioning the bot as Teams does (the text names it, an entity says who it is) unless told not to.</summary>
    private async Task OperatorSaysAsync(string text, string name, bool mentionBot = true)
    {
        object[] entities = mentionBot ? [new { type = "mention", text = "<at>Staffono</at>", mentioned = new { id = "28:staffono", name = "Staffono" } }] : [];
        using var response = await _host.Client.PostAsJsonAsync("api/messages", Teams("message", name, $"aad-{name}", text: text, entities: entities));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The Action.Submit fallback: a message whose value is the button's data, replying to the card.</summary>
    private async Task SubmitAsync(string verb, string name)
    {
        using var response = await _host.Client.PostAsJsonAsync("api/messages", Teams("message", name, $"aad-{name}", value: new { verb, ticket = "H-1" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>An adaptiveCard/action invoke as Teams sends it; returns the invoke response's body.</summary>
    private async Task<JsonElement> InvokeAsync(string verb, string name, string aadObjectId, string ticket = "H-1")
    {
        var activity = Teams("invoke", name, aadObjectId, value: new { action = new { type = "Action.Execute", id = verb, verb, data = new { ticket } }, trigger = "manual" }, invokeName: "adaptiveCard/action");
        using var response = await _host.Client.PostAsJsonAsync("api/messages", activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private object Teams(string type, string name, string aadObjectId, string? text = null, object? value = null, string? invokeName = null, object[]? entities = null) => new
    {
        type,
        name = invokeName,
        id = $"teams-{Interlocked.Increment(ref _activityIds)}",
        channelId = "msteams",
        serviceUrl = _connector.ServiceUrl,
        from = new { id = $"29:{aadObjectId}", name, aadObjectId },
        recipient = new { id = "28:staffono", name = "Staffono" },
        conversation = new { id = TeamsConnector.Thread, isGroup = true, conversationType = "channel", tenantId = "tenant-1" },
        replyToId = TeamsConnector.CardId,
        channelData = new { tenant = new { id = "tenant-1" }, channel = new { id = Channel }, team = new { id = Channel } },
        text,
        value,
        entities,
    };

    private static string CardTitle(JsonElement card) => card.GetProperty("body")[0].GetProperty("items")[0].GetProperty("text").GetString()!;

    private static string CardStatus(JsonElement card) => card.GetProperty("body")[0].GetProperty("items")[1].GetProperty("text").GetString()!;

    private static IEnumerable<JsonElement> Actions(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "ActionSet").SelectMany(e => e.GetProperty("actions").EnumerateArray());

    private static List<string> ExecuteVerbs(JsonElement card) =>
        Actions(card).Where(a => a.GetProperty("type").GetString() == "Action.Execute").Select(a => a.GetProperty("verb").GetString()!).ToList();
}
