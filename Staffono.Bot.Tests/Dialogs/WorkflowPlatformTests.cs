using Staffono.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Customers;
using Staffono.Skills.Handoff;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs;

/// <summary>
/// What a workflow gets by being registered: the main dialog routes its intents and buttons to it, and
/// the shared base records its outcomes, counts messages, and hands off with fields and transcript.
/// A small "order status" workflow stands in for the ones to come.
/// </summary>
public sealed class WorkflowPlatformTests
{
    // Without its shop: these tests register their own order-status workflow.
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml")) with { Shop = null, Leads = null };

    [Fact]
    public async Task A_registered_workflow_starts_on_its_intent_and_records_started_its_outcome_and_the_messages_it_took()
    {
        using var folder = new TempFolder();
        using var flow = Flow(folder);

        Assert.Equal(["Order number?"], await flow.SendAsync("где мой заказ?"));
        Assert.Equal(["Phone?"], await flow.SendAsync("12345"));
        Assert.Equal(["Order 12345 is on its way."], await flow.SendAsync("+7 900 000 00 00"));

        var events = await new SqliteOutcomeLog(SharedSqliteFile.At(folder.File("staffono.db"))).ReadAsync("webchat/conv-1");
        Assert.Equal([(OutcomeKinds.Started, 1, (string?)null), ("answered", 3, "12345")], events.Select(e => (e.Event.Kind, e.Event.CustomerMessages, e.Detail)));
        Assert.All(events, e => Assert.Equal("orders", e.Event.Workflow));
    }

    [Fact]
    public async Task A_workflow_left_without_an_outcome_is_recorded_as_abandoned()
    {
        using var folder = new TempFolder();
        using var flow = Flow(folder);

        await flow.SendAsync("где мой заказ?");
        await flow.SendAsync("отмена");

        var events = await new SqliteOutcomeLog(SharedSqliteFile.At(folder.File("staffono.db"))).ReadAsync("webchat/conv-1");
        Assert.Equal([OutcomeKinds.Started, OutcomeKinds.Abandoned], events.Select(e => e.Event.Kind));
        // Every message the customer sent since the workflow began, "отмена" included, although the main dialog took it.
        Assert.Equal(2, events[^1].Event.CustomerMessages);
    }

    [Fact]
    public async Task A_handoff_stores_the_collected_fields_the_transcript_and_where_to_answer_and_tells_the_customer_its_number()
    {
        using var folder = new TempFolder();
        using var flow = Flow(folder);

        await flow.SendAsync("где мой заказ?");
        await flow.SendAsync("777");
        var replies = await flow.SendAsync("не помню телефон");

        Assert.Single(replies);
        Assert.StartsWith("Передал ваш запрос человеку вместе со всем, что вы написали (заявка H-1).", replies[0], StringComparison.Ordinal);
        var request = Assert.Single(await new SqliteHandoffStore(SharedSqliteFile.At(folder.File("staffono.db"))).OfConversationAsync("webchat/conv-1"));
        Assert.Equal("H-1", request.Id);
        Assert.Equal("orders", request.Workflow);
        Assert.Equal("no phone", request.Reason);
        Assert.Equal(new Dictionary<string, string> { ["order"] = "777" }, request.Fields);
        Assert.Equal(("webchat/user-1", "Anna", "ru"), (request.CustomerKey, request.CustomerName, request.Language));
        // Both sides of the conversation up to the handoff, in order (the handoff's own message is not yet in it).
        Assert.Equal(
            [(true, "где мой заказ?"), (false, "Order number?"), (true, "777"), (false, "Phone?"), (true, "не помню телефон")],
            request.Transcript.Select(l => (l.FromCustomer, l.Text)));
        var reference = System.Text.Json.JsonSerializer.Deserialize(request.ConversationReference, ProtocolJson.Context.ConversationReference)!;
        Assert.Equal(("conv-1", "webchat"), (reference.Conversation!.Id, reference.ChannelId));

        var events = await new SqliteOutcomeLog(SharedSqliteFile.At(folder.File("staffono.db"))).ReadAsync("webchat/conv-1");
        Assert.Equal((OutcomeKinds.HandedOff, "no phone"), (events[^2].Event.Kind, events[^2].Detail));
        Assert.Equal(("handoff", "created", "H-1: orders: no phone"), (events[^1].Event.Workflow, events[^1].Event.Kind, events[^1].Detail));
    }

    [Fact]
    public async Task A_button_a_workflow_owns_starts_it_in_either_language()
    {
        using var folder = new TempFolder();
        using var flow = Flow(folder);

        // "Phone?" is asked straight away: the button carries the order, as a button under a shipping notice would.
        Assert.Equal(["Phone?"], await flow.SendAsync(Texts.Get("en", "reminder.reschedule").ToUpperInvariant()));
    }

    [Fact]
    public async Task The_transcript_keeps_the_last_twenty_lines_and_cuts_very_long_ones()
    {
        using var folder = new TempFolder();
        using var flow = Flow(folder);
        for (var i = 0; i < 12; i++)
        {
            await flow.SendAsync(i == 11 ? new string('я', 600) : "привет " + i);
        }

        await flow.SendAsync("где мой заказ?");
        await flow.SendAsync("1");
        await flow.SendAsync("не помню телефон");

        var transcript = Assert.Single(await new SqliteHandoffStore(SharedSqliteFile.At(folder.File("staffono.db"))).OfConversationAsync("webchat/conv-1")).Transcript;
        Assert.Equal(ConversationTranscript.MaxLines, transcript.Count);
        Assert.Equal("не помню телефон", transcript[^1].Text);
        Assert.Contains(transcript, l => l.Text == new string('я', ConversationTranscript.MaxLineLength) + "…");
        Assert.DoesNotContain(transcript, l => l.Text == "привет 0");
    }

    [Theory]
    [InlineData("ru-RU", "отписаться", "подписаться")]
    [InlineData("ru-RU", "стоп", "подпишите меня")]
    [InlineData("en-US", "unsubscribe", "subscribe")]
    [InlineData("en-US", "Stop", "Subscribe")]
    public async Task A_customer_can_stop_messages_they_did_not_ask_for_and_start_them_again(string locale, string stop, string again)
    {
        using var folder = new TempFolder();
        using var flow = Flow(folder);
        flow.Locale = locale;
        var language = locale[..2];
        var contacts = new SqliteContactLog(SharedSqliteFile.At(folder.File("staffono.db")));

        Assert.Equal(Texts.Get(language, "main.unsubscribed"), Assert.Single(await flow.SendAsync(stop)));
        Assert.NotNull((await contacts.FindAsync("webchat/user-1"))?.OptedOutAt);
        Assert.Equal(Texts.Get(language, "main.subscribed"), Assert.Single(await flow.SendAsync(again)));
        Assert.Null((await contacts.FindAsync("webchat/user-1"))?.OptedOutAt);
        Assert.NotNull((await contacts.FindAsync("webchat/user-1"))?.LastWrote);
    }

    [Fact]
    public async Task Stop_in_the_middle_of_a_question_cancels_that_question_and_unsubscribes_nobody()
    {
        using var folder = new TempFolder();
        using var flow = Flow(folder);

        await flow.SendAsync("где мой заказ?");
        Assert.Equal(Texts.Get("ru", "interrupt.cancelled"), Assert.Single(await flow.SendAsync("стоп")));

        Assert.Null((await new SqliteContactLog(SharedSqliteFile.At(folder.File("staffono.db"))).FindAsync("webchat/user-1"))?.OptedOutAt);
    }

    [Fact]
    public void Two_workflows_starting_on_one_intent_is_a_composition_error()
    {
        var services = new WorkflowServices(new NoOutcomes(), new NoHandoff(), TimeProvider.System);
        var understanding = new IntentUnderstanding(OfflineIntentClassifier.Default, null, new UnderstandingOptions());

        var error = Assert.Throws<InvalidOperationException>(() => new MainDialog(understanding, [new OrdersWorkflow(services), new OrdersWorkflow(services, "orders2")]));
        Assert.Contains("OrderStatus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_main_dialog_names_no_workflow()
    {
        var source = File.ReadAllText(Path.Combine(Repository.Root, "Staffono.Dialogs", "MainDialog.cs"));
        var workflowFolders = Directory.GetDirectories(Path.Combine(Repository.Root, "Staffono.Dialogs"))
            .Select(Path.GetFileName)
            .Where(name => name is not ("Engine" or "Workflows" or "Resources" or "bin" or "obj"))
            .ToList();

        Assert.NotEmpty(workflowFolders);
        Assert.All(workflowFolders, folder => Assert.DoesNotContain(folder!, source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_question_misunderstood_three_times_brings_in_a_person_with_the_question_named()
    {
        using var folder = new TempFolder();
        using var flow = new DialogTestFlow(new MemoryStorage(), "ru-RU", "conv-1", ChannelIds.Webchat, _ => throw new InvalidOperationException(),
            TestBot.Factory(Salon, TimeProvider.System, folder.File("staffono.db"), configure: services => services.AddSingleton<Workflow>(sp => new CountingWorkflow(sp.GetRequiredService<WorkflowServices>()))));

        Assert.Equal(["How many?"], await flow.SendAsync("сколько стоит стрижка?"));
        Assert.Contains("How many?", (await flow.SendAsync("много"))[^1], StringComparison.Ordinal);
        Assert.Contains("How many?", (await flow.SendAsync("ну много"))[^1], StringComparison.Ordinal);
        var replies = await flow.SendAsync("очень много");

        Assert.Equal("Похоже, я вас не понимаю — лучше подключу человека.", replies[0]);
        Assert.StartsWith("Передал ваш запрос человеку", replies[1], StringComparison.Ordinal);
        Assert.Equal(2, replies.Count);
        var ticket = Assert.Single(await new SqliteHandoffStore(SharedSqliteFile.At(folder.File("staffono.db"))).OfConversationAsync("webchat/conv-1"));
        Assert.Equal(("human", "Human"), (ticket.Workflow, ticket.Intent));
        Assert.Equal("the bot did not understand the answer to «How many?» three times; the last answer: «очень много»", ticket.Reason);
    }

    /// <summary>Asks one number on the pricing intent.</summary>
    private sealed class CountingWorkflow(WorkflowServices services) : Workflow
    {
        public override string Name => "counting";

        public override IReadOnlyList<Dialog> Dialogs { get; } = [new CountingDialog(services)];

        public override IReadOnlyList<WorkflowEntry> Entries { get; } = [WorkflowEntry.OnIntent(Intents.Pricing, "counting.ask")];
    }

    private sealed class CountingDialog : WorkflowDialog
    {
        public CountingDialog(WorkflowServices services)
            : base("counting.ask", "counting", services)
        {
            AddDialog(new WaterfallDialog("counting.steps", [(step, ct) => step.PromptAsync("count", PromptOptions.Ask("How many?"), ct), (step, ct) => step.EndDialogAsync(step.Result, ct)]));
            AddDialog(new NumberPrompt("count"));
        }
    }

    private static DialogTestFlow Flow(TempFolder folder) =>
        new(new MemoryStorage(), "ru-RU", "conv-1", ChannelIds.Webchat, _ => throw new InvalidOperationException(),
            TestBot.Factory(Salon, TimeProvider.System, folder.File("staffono.db"), configure: services => services.AddSingleton<Workflow>(sp => new OrdersWorkflow(sp.GetRequiredService<WorkflowServices>()))));

    /// <summary>Asks the order number and phone; "не помню" hands off.</summary>
    private sealed class OrdersWorkflow(WorkflowServices services, string name = "orders") : Workflow
    {
        public override string Name => name;

        public override IReadOnlyList<Dialog> Dialogs { get; } = [new OrderStatusDialog(services, name)];

        public override IReadOnlyList<WorkflowEntry> Entries { get; } =
        [
            WorkflowEntry.OnIntent(Intents.OrderStatus, name + ".status"),
            WorkflowEntry.OnButton("reminder.reschedule", (dc, ct) => dc.BeginDialogAsync(name + ".status", "button-order", ct)),
        ];
    }

    private sealed class OrderStatusDialog : WorkflowDialog
    {
        public OrderStatusDialog(WorkflowServices services, string name)
            : base(name + ".status", name, services)
        {
            AddDialog(new WaterfallDialog(name + ".steps",
            [
                (step, ct) => step.GetOptions<string>() is { } known ? step.NextAsync(known, ct) : step.PromptAsync("text", PromptOptions.Ask("Order number?"), ct),
                (step, ct) =>
                {
                    step.SetValue("order", (string)step.Result!);
                    return step.PromptAsync("text", PromptOptions.Ask("Phone?"), ct);
                },
                async (step, ct) =>
                {
                    var order = step.GetValue<string>("order")!;
                    if (((string)step.Result!).Contains("не помню", StringComparison.Ordinal))
                    {
                        return await HandOffAsync(step, "no phone", new Dictionary<string, string> { ["order"] = order }, ct);
                    }

                    await RecordOutcomeAsync(step, "answered", order, ct);
                    await step.Context.SendActivityAsync($"Order {order} is on its way.", ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(new TextPrompt("text"));
        }
    }

    private sealed class NoOutcomes : IOutcomeLog
    {
        public Task RecordAsync(OutcomeEvent outcome, string? detail = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadAsync(string conversationKey, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<(OutcomeEvent, string?)>>([]);

        public Task<IReadOnlyList<(OutcomeEvent Event, string? Detail)>> ReadWorkflowsAsync(IReadOnlyCollection<string> workflows, DateTimeOffset since, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<(OutcomeEvent, string?)>>([]);
    }

    private sealed class NoHandoff : IHandoff
    {
        public Task<string> HandOffAsync(Staffono.Runtime.Adapter.ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken = default) => Task.FromResult("none");
    }
}
