using System.Text.Json;
using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Channels;

/// <summary>
/// What a dialog wants to say, before any channel is considered: a text, optional choices, and an
/// optional Adaptive Card. <see cref="ReplyRenderer"/> turns it into what the channel can show.
/// </summary>
public sealed record LogicalReply(string Text)
{
    public IReadOnlyList<ReplyChoice> Choices { get; init; } = [];

    /// <summary>An Adaptive Card to show where the channel renders it; its choices must also be in <see cref="Choices"/> for the fallback.</summary>
    public JsonElement? AdaptiveCard { get; init; }

    /// <summary>
    /// Links to open. Where the channel shows cards they become buttons (a URL in plain text is not
    /// clickable on web chat); elsewhere the text, which should name the URL too, is what the user gets.
    /// </summary>
    public IReadOnlyList<ReplyLink> Links { get; init; } = [];

    /// <summary>Entities the first message carries (a Teams @mention whose text the message contains).</summary>
    public IReadOnlyList<Entity> Entities { get; init; } = [];

    /// <summary>Locale of the reply ("ru-RU", "en-US").</summary>
    public string? Locale { get; init; }
}
