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

    /// <summary>Where a prompt keeps its options in its dialog instance.</summary>
    internal const string StateKey = "options";

    /// <summary>The options of the prompt waiting deepest in <paramref name="instance"/>'s stack, or null when no prompt waits there.</summary>
    public static PromptOptions? OfWaitingPrompt(DialogInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        while (instance.InnerStack is [var inner, ..])
        {
            instance = inner;
        }

        return instance.Get<PromptOptions>(StateKey);
    }

    public static PromptOptions Ask(string text, params string[] choices) =>
        new() { Prompt = new LogicalReply(text), Choices = choices.Select(c => new Choice(c)).ToList() };
}
