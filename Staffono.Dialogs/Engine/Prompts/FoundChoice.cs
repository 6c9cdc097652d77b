namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>The option the user picked.</summary>
public sealed record FoundChoice(string Value, int Index);
