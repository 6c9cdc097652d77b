using Staffono.Runtime.Adapter;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>A whole number, in digits or words ("две", "двадцать пять", "twelve").</summary>
public sealed class NumberPrompt(string id, PromptValidator<long>? validator = null) : Prompt<long>(id, validator)
{
    protected override string DefaultRetryKey => "prompt.number_retry";

    protected override Task<PromptRecognizerResult<long>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(NumberRecognizer.Recognize(turnContext.Activity.Text) is { } number
            ? new PromptRecognizerResult<long>(true, number)
            : PromptRecognizerResult<long>.NotRecognized);
}
