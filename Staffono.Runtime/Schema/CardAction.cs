using System.Text.Json;

namespace Staffono.Runtime.Schema;

/// <summary>A clickable action on a card or among suggested actions.</summary>
public sealed class CardAction
{
    public CardAction() { }

    public CardAction(string type, string title, string? value = null)
    {
        Type = type;
        Title = title;
        Value = value is null ? null : JsonSerializer.SerializeToElement(value, ProtocolJson.Context.String);
    }

    /// <summary>An imBack action: clicking posts <paramref name="value"/> (default: the title) as a visible message.</summary>
    public static CardAction ImBack(string title, string? value = null) => new(ActionTypes.ImBack, title, value ?? title);

    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? ImageAltText { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonElement? Value { get; set; }
    public JsonElement? ChannelData { get; set; }
}
