namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>What a prompt made of the user's answer.</summary>
public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default)
{
    public static PromptRecognizerResult<T> NotRecognized { get; } = new(false);
}
