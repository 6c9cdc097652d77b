namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>An option of a choice prompt: the value it returns, the title shown, other words that pick it.</summary>
public sealed record Choice(string Value)
{
    public string? Title { get; init; }

    public IReadOnlyList<string> Synonyms { get; init; } = [];

    public string DisplayTitle => Title ?? Value;
}
