using Staffono.Dialogs;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;

namespace Staffono.Bench.Load;

/// <summary>
/// The load test's conversation: a 3-step waterfall (text prompt, choice prompt, confirm prompt),
/// begun by any message when idle — the shape of a real booking without its business logic.
/// </summary>
internal sealed class ThreeStepDialog : InterruptibleDialog
{
    private const string Steps = "load.steps";

    public ThreeStepDialog()
        : base("load.root")
    {
        AddDialog(new WaterfallDialog(Steps,
        [
            (step, ct) => step.PromptAsync("text", PromptOptions.Ask("Как вас зовут?"), ct),
            (step, ct) =>
            {
                step.SetValue("name", (string)step.Result!);
                return step.PromptAsync("choice", PromptOptions.Ask("Когда удобно?", "Завтра в 11:00", "В четверг в 16:30", "В пятницу в 10:00"), ct);
            },
            (step, ct) =>
            {
                step.SetValue("slot", ((FoundChoice)step.Result!).Value);
                return step.PromptAsync("confirm", PromptOptions.Ask($"{step.GetValue<string>("name")}, {step.GetValue<string>("slot")}. Подтверждаете?"), ct);
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync((bool)step.Result! ? "Записал!" : "Хорошо, не записываю.", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));
        AddDialog(new TextPrompt("text"));
        AddDialog(new ChoicePrompt("choice"));
        AddDialog(new ConfirmPrompt("confirm"));
        InitialDialogId = Steps;
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog is null)
        {
            await innerDc.BeginDialogAsync(Steps, null, cancellationToken);
            return DialogTurnResult.Waiting;
        }

        await base.OnContinueDialogAsync(innerDc, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    protected override Task ShowHelpAsync(DialogContext innerDc, CancellationToken cancellationToken) => Task.CompletedTask;
}
