using Staffono.Runtime.Adapter;

namespace Staffono.Dialogs;

/// <summary>
/// Whether the bot greeted this conversation when it opened (web chat and Direct Line send a join
/// first), so the first reply does not say hello a second time. The bot records it; dialogs read it.
/// </summary>
public sealed class ConversationGreeting
{
    private const string TurnKey = "Staffono.Greeted";

    public bool Greeted { get; set; }

    public static bool WasGreeted(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(TurnKey, out var value) && value is true;

    internal static void Note(ITurnContext turnContext, bool greeted) => turnContext.TurnState[TurnKey] = greeted;
}
