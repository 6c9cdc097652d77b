using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Shop;

namespace Staffono.Dialogs.Support;

/// <summary>
/// «Где мой заказ?» (WORKFLOWS.md §3): prove who is asking, then answer simply — status, last scan, expected
/// date, tracking link. An order later than its shipping promise gets the reason and options (a person,
/// sending it again, a refund), acted on only after the customer confirms. Ends with «Помогло?».
/// </summary>
public sealed class OrderStatusDialog : SupportDialog
{
    public const string DialogId = "support.order_status";
    private const string DelayChoice = DialogId + ".delay";
    private readonly SupportServices _support;

    public OrderStatusDialog(SupportServices support, VerifyOrderDialog verify, WorkflowServices services)
        : base(DialogId, OrderStatusWorkflow.WorkflowName, services)
    {
        _support = support;
        AddDialog(verify);
        AddDialog(new ChoicePrompt(DelayChoice));
        AddDialog(new WaterfallDialog(DialogId + ".steps", [VerifyAsync, AnswerAsync, ChooseAsync, ActAsync]));
        InitialDialogId = DialogId + ".steps";
    }

    /// <summary>The options: the first message, which may name the order.</summary>
    private Task<DialogTurnResult> VerifyAsync(WaterfallStepContext step, CancellationToken ct) =>
        step.BeginDialogAsync(VerifyOrderDialog.DialogId, new VerifyOrderDialog.Start(_support.OrderNumbers.Recognize(step.GetOptions<string>())), ct);

    private async Task<DialogTurnResult> AnswerAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var language = step.Language;
        if (step.Result is not OrderCheck check || check.Order is not { } order)
        {
            return await NotVerifiedAsync(step, step.Result as OrderCheck, _support.Profile.TimeZone, ct);
        }

        step.SetValue("number", order.Number);
        await RecordProgressAsync(step, "verified", order.Number, ct);
        var contacts = await _support.Orders.RecordContactAsync(order.Number, CustomerIdentity.ConversationKey(step.Context), Services.Time.GetUtcNow(), ct);
        if (contacts > 1)
        {
            await RecordProgressAsync(step, "repeat_contact", $"{order.Number}: {contacts}", ct);
        }

        var status = OrderStatusReport.Of(order, _support.Shop, _support.Profile.TimeZone, Services.Time.GetUtcNow());
        await step.Context.SendActivityAsync(status.Describe(language, _support.Shop, _support.Profile.TimeZone), ct);
        if (!status.Late)
        {
            return await AskHelpedAsync(step, "support.helped", $"order {order.Number} ({order.Status}): the answer did not help", Fields(order.Number), ct);
        }

        await RecordProgressAsync(step, "late", $"{order.Number}: {order.DelayReason ?? DelayExplanation.DefaultId}", ct);
        var delay = _support.Shop.Delay(order.DelayReason);
        return await step.PromptAsync(DelayChoice, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(language, "status.late", delay.Explanation.In(language), delay.NextSteps.In(language))),
            Choices =
            [
                new Choice("wait") { Title = Texts.Get(language, "status.option_wait") },
                new Choice("resend") { Title = Texts.Get(language, "status.option_resend") },
                new Choice("refund") { Title = Texts.Get(language, "status.option_refund") },
                new Choice("person") { Title = Texts.Get(language, "status.option_person") },
            ],
        }, ct);
    }

    private async Task<DialogTurnResult> ChooseAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var number = step.GetValue<string>("number")!;
        var order = (await _support.Orders.FindAsync(number, ct))!;
        var choice = (step.Result as FoundChoice)?.Value;
        step.SetValue("choice", choice);
        return choice switch
        {
            "person" => await HandOffAsync(step, $"order {number} is late; the customer asked for a person", Fields(number), ct),
            // Nothing happens until the customer says yes to exactly what will happen.
            "resend" => await AskYesNoAsync(step, Texts.Get(step.Language, "status.confirm_resend", number), ct),
            "refund" => await AskYesNoAsync(step, Texts.Get(step.Language, "status.confirm_refund", number, SupportWording.Money(step.Language, order.Total, _support.Shop.Currency)), ct),
            _ => await AskHelpedAsync(step, "support.helped", $"order {number} is late; waiting did not help", Fields(number), ct),
        };
    }

    /// <summary>A confirmed resend or refund goes to a person who does it in the shop's system, with what was agreed.</summary>
    private async Task<DialogTurnResult> ActAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var number = step.GetValue<string>("number")!;
        var choice = step.GetValue<string>("choice");
        if (step.Result is true && choice is "resend" or "refund")
        {
            var fields = Fields(number);
            fields["action"] = choice;
            return await HandOffAsync(step, $"order {number} is late; the customer confirmed: {choice}", fields, ct);
        }

        return await AskHelpedAsync(step, "support.helped", $"order {number} is late; the customer declined {choice}", Fields(number), ct);
    }

    private static Dictionary<string, string> Fields(string? number) => number is null ? [] : new() { ["order"] = number };
}
