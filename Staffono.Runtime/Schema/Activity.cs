using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>
/// One Bot Framework activity. Every field of PROTOCOL.md §1 is modelled; anything else a channel
/// sends lands in <see cref="Properties"/> and is written back unchanged.
/// </summary>
[JsonConverter(typeof(ActivityConverter))]
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? CallerId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public List<MessageReaction>? ReactionsAdded { get; set; }
    public List<MessageReaction>? ReactionsRemoved { get; set; }
    public string? TopicName { get; set; }
    public bool? HistoryDisclosed { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public JsonElement? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public DateTimeOffset? Expiration { get; set; }
    public string? Importance { get; set; }
    public string? DeliveryMode { get; set; }
    public List<string>? ListenFor { get; set; }
    public List<TextHighlight>? TextHighlights { get; set; }
    public SemanticAction? SemanticAction { get; set; }

    /// <summary>Fields this type does not model, kept so that a round trip loses nothing.</summary>
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A plain-text message activity with no addressing; the turn context fills that in.</summary>
    public static Activity CreateMessage(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = TextFormats.Plain,
    };

    /// <summary>
    /// A message answering this activity: from its recipient to its sender, in the same conversation,
    /// replying to its id, in its locale.
    /// </summary>
    public Activity CreateReply(string? text = null)
    {
        var reply = CreateMessage(text);
        reply.Timestamp = null;
        reply.ChannelId = ChannelId;
        reply.ServiceUrl = ServiceUrl;
        reply.From = Recipient is null ? null : new ChannelAccount(Recipient.Id!, Recipient.Name, RoleTypes.Bot);
        reply.Recipient = From is null ? null : new ChannelAccount(From.Id!, From.Name, From.Role);
        reply.Conversation = Conversation is null ? null : new ConversationAccount(Conversation.Id!, Conversation.IsGroup, Conversation.Name)
        {
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
        };
        reply.ReplyToId = Id;
        reply.Locale = Locale;
        return reply;
    }

    /// <summary>The reference to this activity's conversation, from the bot's point of view (this is an incoming activity).</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Type == ActivityTypes.ConversationUpdate && IsDirectLineFamily(ChannelId) ? null : Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        Locale = Locale,
        ServiceUrl = ServiceUrl,
    };

    /// <summary>
    /// Addresses this activity by <paramref name="reference"/>: as a bot's outgoing activity
    /// (from = bot, recipient = user, replying to the reference's activity), or, when
    /// <paramref name="isIncoming"/>, as if the user had sent it.
    /// </summary>
    public Activity ApplyConversationReference(ConversationReference reference, bool isIncoming = false)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ChannelId = reference.ChannelId;
        ServiceUrl = reference.ServiceUrl;
        Conversation = reference.Conversation;
        Locale ??= reference.Locale;
        if (isIncoming)
        {
            From = reference.User;
            Recipient = reference.Bot;
            Id = reference.ActivityId ?? Id;
        }
        else
        {
            From = reference.Bot;
            Recipient = reference.User;
            if (reference.ActivityId is not null)
            {
                ReplyToId = reference.ActivityId;
            }
        }

        return this;
    }

    /// <summary>A string field of <see cref="ChannelData"/> at a dotted path ("tenant.id"), or null.</summary>
    public string? GetChannelDataString(string path)
    {
        if (ChannelData is not { ValueKind: JsonValueKind.Object } current)
        {
            return null;
        }

        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }

    private static bool IsDirectLineFamily(string? channelId) =>
        channelId is ChannelIds.DirectLine or ChannelIds.Webchat;
}
