using System.Text.Json;

namespace Staffono.Runtime.Schema;

/// <summary>A card with a title, text, images and buttons; understood by every channel that takes cards.</summary>
public sealed class HeroCard
{
    public const string ContentType = "application/vnd.microsoft.card.hero";

    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Text { get; set; }
    public List<CardImage>? Images { get; set; }
    public List<CardAction>? Buttons { get; set; }
    public CardAction? Tap { get; set; }

    /// <summary>This card as an attachment.</summary>
    public Attachment ToAttachment() => new()
    {
        ContentType = ContentType,
        Content = JsonSerializer.SerializeToElement(this, ProtocolJson.Context.HeroCard),
    };
}
