namespace Staffono.Dialogs.Handoff.Teams;

/// <summary>The verbs of a ticket card's actions (Action.Execute's <c>verb</c>, the Submit fallback's <c>data.verb</c>).</summary>
public static class TicketVerbs
{
    public const string Claim = "claim";
    public const string Close = "close";
    public const string Return = "return";
    public const string Refresh = "refresh";
}
