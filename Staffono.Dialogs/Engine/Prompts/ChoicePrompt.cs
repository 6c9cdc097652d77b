using Staffono.Runtime.Adapter;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>
/// One of the offered options, picked by title, synonym, number, ordinal ("второй", "последний",
/// "the first one"), an unambiguous part of a title, or — when only one is offered — a yes. Shown through the channel renderer, so each
/// channel gets buttons, a card or a numbered list.
/// </summary>
public sealed class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    protected override string DefaultRetryKey => "prompt.choice_retry";

    protected override Task<PromptRecognizerResult<FoundChoice>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var names = options.Choices.Select(c => (IReadOnlyList<string>)[c.DisplayTitle, c.Value, .. c.Synonyms]).ToList();
        // One option offered ("I can do 20:00"): «да» takes it.
        var index = options.Choices.Count == 1 && ConfirmRecognizer.Recognize(turnContext.Activity.Text) == true
            ? 0
            : ChoiceRecognizer.Recognize(turnContext.Activity.Text, names);
        return Task.FromResult(index is { } i
            ? new PromptRecognizerResult<FoundChoice>(true, new FoundChoice(options.Choices[i].Value, i))
            : PromptRecognizerResult<FoundChoice>.NotRecognized);
    }
}
