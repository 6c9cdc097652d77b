using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>Any non-empty text (a name, a comment).</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    /// <summary>Any text is text, so a text prompt cannot tell an answer from a new request.</summary>
    public override Task<bool> ExpectsAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    protected override Task<PromptRecognizerResult<string>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text) ? PromptRecognizerResult<string>.NotRecognized : new PromptRecognizerResult<string>(true, text));
    }
}
