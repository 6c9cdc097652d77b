using Staffono.Runtime.Channels;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>What a prompt asks, how it asks again, and how often before it gives up.</summary>
public sealed record PromptOptions
{
    public required LogicalReply Prompt { get; init; }

    /// <summary>Said after an answer that was not understood; the prompt's own default when absent.</summary>
    public LogicalReply? RetryPrompt { get; init; }

    /// <summary>The options of a choice prompt.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>
    /// When true, a reply the prompt does not recognize ends it with an <see cref="OtherAnswer"/> rather than
    /// a re-prompt: the next step reads it (a new wish while options are shown) and decides what to ask.
    /// </summary>
    public bool LetsOtherAnswersThrough { get; init; }

    /// <summary>Answers allowed before the prompt gives up and the use case is left gracefully.</summary>
    public int MaxAttempts { get; init; } = 3;

    public static PromptOptions Ask(string text, params string[] choices) =>
        new() { Prompt = new LogicalReply(text), Choices = choices.Select(c => new Choice(c)).ToList() };
}
