using Staffono.Runtime.Adapter;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>
/// One of the offered options, picked by title, synonym, number, ordinal ("второй", "последний",
/// "the first one") or an unambiguous part of a title. Shown through the channel renderer, so each
/// channel gets buttons, a card or a numbered list.
/// </summary>
public sealed class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    protected override string DefaultRetryKey => "prompt.choice_retry";

    protected override Task<PromptRecognizerResult<FoundChoice>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var names = options.Choices.Select(c => (IReadOnlyList<string>)[c.DisplayTitle, c.Value, .. c.Synonyms]).ToList();
        var index = ChoiceRecognizer.Recognize(turnContext.Activity.Text, names);
        return Task.FromResult(index is { } i
            ? new PromptRecognizerResult<FoundChoice>(true, new FoundChoice(options.Choices[i].Value, i))
            : PromptRecognizerResult<FoundChoice>.NotRecognized);
    }
}
