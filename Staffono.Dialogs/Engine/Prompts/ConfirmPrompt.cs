using Staffono.Runtime.Adapter;
using Staffono.Runtime.Channels;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>Yes or no ("да", "ага", "конечно", "не надо", "yep", "nope"), offered as two buttons.</summary>
public sealed class ConfirmPrompt(string id, PromptValidator<bool>? validator = null) : Prompt<bool>(id, validator)
{
    protected override string DefaultRetryKey => "prompt.confirm_retry";

    protected override Task<PromptRecognizerResult<bool>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(ConfirmRecognizer.Recognize(turnContext.Activity.Text) is { } answer
            ? new PromptRecognizerResult<bool>(true, answer)
            : PromptRecognizerResult<bool>.NotRecognized);

    protected override IReadOnlyList<ReplyChoice> ChoicesToShow(string language, PromptOptions options) =>
        options.Choices.Count > 0
            ? base.ChoicesToShow(language, options)
            : [new ReplyChoice(Texts.Get(language, "prompt.yes")), new ReplyChoice(Texts.Get(language, "prompt.no"))];
}
