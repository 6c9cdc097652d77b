namespace Staffono.Dialogs.Engine;

/// <summary>The outcome of beginning or continuing a dialog.</summary>
public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);

    public static readonly DialogTurnResult Empty = new(DialogTurnStatus.Empty);
}
