using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>What a validator sees: the recognized answer, the prompt's options, how many tries so far.</summary>
public sealed record PromptValidatorContext<T>(ITurnContext Context, PromptRecognizerResult<T> Recognized, PromptOptions Options, int AttemptCount);
