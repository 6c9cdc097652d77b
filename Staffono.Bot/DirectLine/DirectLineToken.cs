namespace Staffono.Bot.DirectLine;

/// <summary>What a token grants: one conversation, for one user, until a moment.</summary>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset ExpiresAt);
