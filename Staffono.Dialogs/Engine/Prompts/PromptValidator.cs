namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>
/// Decides whether a recognized answer is acceptable (a date not in the past, a number in range). It
/// may send its own explanation; returning false makes the prompt ask again.
/// </summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> prompt, CancellationToken cancellationToken);
