using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Knowledge;

namespace Staffono.Dialogs.Support;

/// <summary>
/// Product and business questions (WORKFLOWS.md §8): answered from the knowledge base — the profile, the
/// products and the owner's FAQ — when the search is sure enough, and closed with «Вопрос решён?». When it
/// is not, the bot says so and offers a person; it never guesses. Unanswered questions are recorded, so the
/// owner sees what to add to the FAQ.
/// </summary>
public sealed class QuestionDialog : SupportDialog
{
    public const string DialogId = "support.question";
    private readonly SupportServices _support;
    private readonly IKnowledgePhrasing? _phrasing;

    /// <param name="phrasing">A model that words the answer from the entries found, when one is configured.</param>
    public QuestionDialog(SupportServices support, WorkflowServices services, IKnowledgePhrasing? phrasing = null)
        : base(DialogId, SupportWorkflow.WorkflowName, services)
    {
        _support = support;
        _phrasing = phrasing;
        AddDialog(new WaterfallDialog(DialogId + ".steps", [AnswerAsync]));
        InitialDialogId = DialogId + ".steps";
    }

    /// <summary>The options: the question as the customer wrote it.</summary>
    private async Task<DialogTurnResult> AnswerAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var question = step.GetOptions<string>() ?? step.Context.Activity.Text ?? string.Empty;
        var hits = _support.Knowledge.Search(question);
        if (hits.Count == 0 || hits[0].Confidence < _support.KnowledgeThreshold)
        {
            await RecordProgressAsync(step, "unanswered", question, ct);
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "support.dont_know"), ct);
            return await OfferPersonAsync(step, new PersonOffer($"a question the bot could not answer: «{question}»", [], "support.offer_person_question"), ct);
        }

        // Only the entries about as good as the best one: a model may combine them, never go beyond them.
        var used = hits.Where(h => h.Confidence >= _support.KnowledgeThreshold && h.Score >= hits[0].Score * 0.8).Select(h => h.Entry).ToList();
        var answer = _phrasing is null ? null : await _phrasing.PhraseAsync(question, used, step.Language, ct);
        await step.Context.SendActivityAsync(answer?.Text ?? used[0].Answer.In(step.Language), ct);
        var ids = answer?.EntryIds ?? [used[0].Id];
        await RecordProgressAsync(step, "answered", string.Join(" ", ids), ct);
        return await AskHelpedAsync(step, "support.resolved", $"the answer to «{question}» ({string.Join(", ", ids)}) did not help", [], ct);
    }
}
