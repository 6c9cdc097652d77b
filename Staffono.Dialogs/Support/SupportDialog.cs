using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;

namespace Staffono.Dialogs.Support;

/// <summary>
/// What the support workflows end with: «Помогло?» (yes is the outcome "resolved"; no offers a person), and
/// the offer of a person with everything collected (yes hands off; no is recorded as "not_resolved"). A
/// workflow's step hands over to one of these, and its answer ends the workflow.
/// </summary>
public abstract class SupportDialog : WorkflowDialog
{
    private readonly string _helped;
    private readonly string _person;
    private readonly string _confirm;

    protected SupportDialog(string id, string workflow, WorkflowServices services)
        : base(id, workflow, services)
    {
        _helped = id + ".helped";
        _person = id + ".person";
        _confirm = id + ".yes_no";
        AddDialog(new WaterfallDialog(_helped, [AskHelpedAsync, AfterHelpedAsync]));
        AddDialog(new WaterfallDialog(_person, [OfferPersonAsync, AfterOfferAsync]));
        AddDialog(new ConfirmPrompt(_confirm));
    }

    /// <summary>What a person would need, and the question that offers one.</summary>
    /// <param name="QuestionKey">The text key of the offer («Передать вопрос человеку?»).</param>
    public sealed record PersonOffer(string Reason, Dictionary<string, string> Fields, string QuestionKey = "support.offer_person");

    /// <summary>
    /// Asks whether it helped (<paramref name="questionKey"/>: «Помогло?» or «Вопрос решён?»); the fields go to a person if not.
    /// It takes the place of the workflow's steps, so its answer ends the workflow.
    /// </summary>
    protected Task<DialogTurnResult> AskHelpedAsync(WaterfallStepContext step, string questionKey, string reason, Dictionary<string, string> fields, CancellationToken ct) =>
        step.Dialog.ReplaceDialogAsync(_helped, new Helped(questionKey, reason, fields), ct);

    /// <summary>Offers a person; yes hands off with the reason and fields. It, too, is the workflow's last question.</summary>
    protected Task<DialogTurnResult> OfferPersonAsync(WaterfallStepContext step, PersonOffer offer, CancellationToken ct) =>
        step.Dialog.ReplaceDialogAsync(_person, offer, ct);

    /// <summary>
    /// An identity check that did not prove the order: when it locked, says until when and offers a person (the
    /// lock is recorded); when the customer left it, the workflow simply ends.
    /// </summary>
    protected async Task<DialogTurnResult> NotVerifiedAsync(WaterfallStepContext step, OrderCheck? check, TimeZoneInfo zone, CancellationToken ct)
    {
        if (check is not { Locked: true, OrderNumber: { } number })
        {
            return await step.EndDialogAsync(null, ct);
        }

        await RecordProgressAsync(step, "locked", number, ct);
        await step.Context.SendActivityAsync(Texts.Message(step.Language, "support.locked", SupportWording.Moment(step.Language, check.LockedUntil!.Value, zone)), ct);
        return await OfferPersonAsync(step, new PersonOffer($"identity check locked for order {number} ({Workflow})", new() { ["order"] = number }), ct);
    }

    /// <summary>A yes/no question of this workflow.</summary>
    protected Task<DialogTurnResult> AskYesNoAsync(WaterfallStepContext step, string text, CancellationToken ct) =>
        step.PromptAsync(_confirm, new PromptOptions { Prompt = new LogicalReply(text), MaxAttempts = 2 }, ct);

    private sealed record Helped(string QuestionKey, string Reason, Dictionary<string, string> Fields);

    private Task<DialogTurnResult> AskHelpedAsync(WaterfallStepContext step, CancellationToken ct) =>
        AskYesNoAsync(step, Texts.Get(step.Language, step.GetOptions<Helped>()!.QuestionKey), ct);

    private async Task<DialogTurnResult> AfterHelpedAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var helped = step.GetOptions<Helped>()!;
        if (step.Result is true)
        {
            await RecordOutcomeAsync(step, "resolved", null, ct);
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "support.glad"), ct);
            return await step.EndDialogAsync(null, ct);
        }

        return await step.Dialog.ReplaceDialogAsync(_person, new PersonOffer(helped.Reason, helped.Fields, "support.offer_person_after"), ct);
    }

    private Task<DialogTurnResult> OfferPersonAsync(WaterfallStepContext step, CancellationToken ct) =>
        AskYesNoAsync(step, Texts.Get(step.Language, step.GetOptions<PersonOffer>()!.QuestionKey), ct);

    private async Task<DialogTurnResult> AfterOfferAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var offer = step.GetOptions<PersonOffer>()!;
        if (step.Result is true)
        {
            return await HandOffAsync(step, offer.Reason, offer.Fields, ct);
        }

        await RecordOutcomeAsync(step, "not_resolved", offer.Reason, ct);
        await step.Context.SendActivityAsync(Texts.Message(step.Language, "support.okay"), ct);
        return await step.EndDialogAsync(null, ct);
    }
}
