using Staffono.Dialogs;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Runtime.Channels;

namespace Staffono.Bot.Tests.Dialogs;

/// <summary>A small order dialog in the shape of a real use case: ask only what is missing, confirm, finish.</summary>
internal sealed class OrderDialog : ComponentDialog
{
    public const string Id_ = "order";

    /// <param name="beforeSummary">Runs before the last step (to make it throw).</param>
    /// <param name="askCityFirst">The definition a later release might have: one more step at the start.</param>
    public OrderDialog(Func<WaterfallStepContext, Task>? beforeSummary = null, bool askCityFirst = false)
        : base(Id_)
    {
        WaterfallStep[] cityStep = askCityFirst ? [(step, ct) => step.PromptAsync("text", PromptOptions.Ask("Ваш город?"), ct), (step, ct) => step.NextAsync(null, ct)] : [];
        AddDialog(new WaterfallDialog("order.steps",
        [
            .. cityStep,
            AskNameAsync,
            AskCountAsync,
            AskSizeAsync,
            ConfirmAsync,
            async (step, ct) =>
            {
                if (beforeSummary is not null)
                {
                    await beforeSummary(step);
                }

                return await FinishAsync(step, ct);
            },
        ]));
        AddDialog(new TextPrompt("text"));
        AddDialog(new NumberPrompt("number", async (prompt, ct) => prompt.Recognized.Value is >= 1 and <= 20));
        AddDialog(new ChoicePrompt("choice"));
        AddDialog(new ConfirmPrompt("confirm"));
    }

    private static Task<DialogTurnResult> AskNameAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var known = step.GetOptions<OrderOptions>()?.Name;
        return known is not null
            ? step.NextAsync(known, ct)
            : step.PromptAsync("text", PromptOptions.Ask(step.Language == "ru" ? "Как вас зовут?" : "What's your name?"), ct);
    }

    private static Task<DialogTurnResult> AskCountAsync(WaterfallStepContext step, CancellationToken ct)
    {
        step.SetValue("name", (string)step.Result!);
        return step.PromptAsync("number", new PromptOptions
        {
            Prompt = new LogicalReply(step.Language == "ru" ? "Сколько штук?" : "How many?"),
            RetryPrompt = new LogicalReply(step.Language == "ru" ? "От 1 до 20, пожалуйста." : "From 1 to 20, please."),
        }, ct);
    }

    private static Task<DialogTurnResult> AskSizeAsync(WaterfallStepContext step, CancellationToken ct)
    {
        step.SetValue("count", (long)step.Result!);
        return step.PromptAsync("choice", new PromptOptions
        {
            Prompt = new LogicalReply(step.Language == "ru" ? "Какой размер?" : "Which size?"),
            Choices = step.Language == "ru"
                ? [new Choice("S") { Title = "Маленький" }, new Choice("M") { Title = "Средний" }, new Choice("L") { Title = "Большой", Synonyms = ["огромный"] }]
                : [new Choice("S") { Title = "Small" }, new Choice("M") { Title = "Medium" }, new Choice("L") { Title = "Large", Synonyms = ["huge"] }],
        }, ct);
    }

    private static Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext step, CancellationToken ct)
    {
        step.SetValue("size", ((FoundChoice)step.Result!).Value);
        var summary = $"{step.GetValue<string>("name")}: {step.GetValue<long>("count")} x {step.GetValue<string>("size")}";
        return step.PromptAsync("confirm", PromptOptions.Ask(step.Language == "ru" ? $"{summary}. Подтверждаете?" : $"{summary}. Confirm?"), ct);
    }

    private static async Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var summary = $"{step.GetValue<string>("name")}: {step.GetValue<long>("count")} x {step.GetValue<string>("size")}";
        var confirmed = (bool)step.Result!;
        await step.Context.SendActivityAsync(confirmed ? $"OK {summary}" : "Not ordered", ct);
        return await step.EndDialogAsync(confirmed ? summary : null, ct);
    }
}

internal sealed record OrderOptions(string? Name);

/// <summary>A root like the main dialog: interruptions handled once, the order begun on any message.</summary>
internal sealed class RootDialog : InterruptibleDialog
{
    public RootDialog(ComponentDialog? order = null, OrderOptions? options = null)
        : base("root")
    {
        Options = options;
        AddDialog(order ?? new OrderDialog());
    }

    public OrderOptions? Options { get; }

    public List<string> Results { get; } = [];

    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        innerDc.BeginDialogAsync(OrderDialog.Id_, Options, cancellationToken);

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog is null)
        {
            return await innerDc.BeginDialogAsync(OrderDialog.Id_, Options, cancellationToken);
        }

        var result = await base.OnContinueDialogAsync(innerDc, cancellationToken);
        if (result.Status == DialogTurnStatus.Complete)
        {
            Results.Add(result.Result as string ?? "(none)");
        }

        return DialogTurnResult.Waiting;
    }

    protected override Task ShowHelpAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
        innerDc.Context.SendActivityAsync("HELP", cancellationToken);
}
