namespace Staffono.Runtime.Schema;

/// <summary>The activity types of the Bot Framework protocol (PROTOCOL.md §1).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string DeleteUserData = "deleteUserData";
    public const string ContactRelationUpdate = "contactRelationUpdate";
    public const string Suggestion = "suggestion";
    public const string Trace = "trace";
    public const string Handoff = "handoff";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Message, ConversationUpdate, Typing, EndOfConversation, Event, Invoke, InstallationUpdate,
        MessageReaction, MessageUpdate, MessageDelete, DeleteUserData, ContactRelationUpdate,
        Suggestion, Trace, Handoff,
    };

    /// <summary>True for the types the protocol defines; others are ignored, never rejected.</summary>
    public static bool IsKnown(string? type) => type is not null && Known.Contains(type);
}
