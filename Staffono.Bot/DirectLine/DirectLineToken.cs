namespace Staffono.Bot.DirectLine;

/// <summary>What a token grants: one conversation, for one user, until a moment; and the user's locale if the page said it.</summary>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset ExpiresAt, string? Locale = null);
