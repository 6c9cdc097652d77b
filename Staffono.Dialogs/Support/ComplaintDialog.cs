using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;

namespace Staffono.Dialogs.Support;

/// <summary>
/// A complaint or damage (WORKFLOWS.md §8): apologise, collect the order number and photos, and hand the whole
/// conversation to a person — a dispute is not the bot's to settle.
/// </summary>
public sealed class ComplaintDialog : SupportDialog
{
    public const string DialogId = "support.complaint";
    private const string OrderPrompt = DialogId + ".order";
    private const string Photos = DialogId + ".photos";
    private readonly SupportServices _support;

    public ComplaintDialog(SupportServices support, WorkflowServices services)
        : base(DialogId, SupportWorkflow.WorkflowName, services)
    {
        _support = support;
        AddDialog(new TextPrompt(OrderPrompt));
        AddDialog(new PhotoPrompt(Photos, support));
        AddDialog(new WaterfallDialog(DialogId + ".steps", [ApologiseAsync, AskPhotosAsync, HandOverAsync]));
        InitialDialogId = DialogId + ".steps";
    }

    /// <summary>The options: the complaint as written; an order number in it is taken.</summary>
    private async Task<DialogTurnResult> ApologiseAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var complaint = step.GetOptions<string>() ?? string.Empty;
        step.SetValue("complaint", complaint);
        await step.Context.SendActivityAsync(Texts.Message(step.Language, "complaint.sorry"), ct);
        if (_support.OrderNumbers.Recognize(complaint) is { } number)
        {
            return await step.NextAsync(number, ct);
        }

        return await step.PromptAsync(OrderPrompt, PromptOptions.Ask(Texts.Get(step.Language, "complaint.ask_order")), ct);
    }

    private Task<DialogTurnResult> AskPhotosAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var answer = (string)step.Result!;
        step.SetValue("order", _support.OrderNumbers.Recognize(answer) ?? answer);
        return step.PromptAsync(Photos, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "complaint.ask_photo")),
            // "No photos" or a description instead is an answer too: the person can ask for them later.
            LetsOtherAnswersThrough = true,
        }, ct);
    }

    private Task<DialogTurnResult> HandOverAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["order"] = step.GetValue<string>("order")! };
        switch (step.Result)
        {
            case List<string> { Count: > 0 } photos:
                fields["photos"] = string.Join(", ", photos);
                break;
            case OtherAnswer other:
                fields["note"] = other.Text;
                break;
        }

        return HandOffAsync(step, "complaint: " + step.GetValue<string>("complaint"), fields, ct);
    }
}
