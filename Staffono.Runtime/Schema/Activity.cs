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
    private JsonElement? _channelData;
    private byte[]? _channelDataJson;
    private RareFields? _rare;

    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? CallerId
    {
        get => _rare?.CallerId;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.CallerId = value;
            }
        }
    }

    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout
    {
        get => _rare?.AttachmentLayout;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.AttachmentLayout = value;
            }
        }
    }

    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved
    {
        get => _rare?.MembersRemoved;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.MembersRemoved = value;
            }
        }
    }

    public List<MessageReaction>? ReactionsAdded
    {
        get => _rare?.ReactionsAdded;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.ReactionsAdded = value;
            }
        }
    }

    public List<MessageReaction>? ReactionsRemoved
    {
        get => _rare?.ReactionsRemoved;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.ReactionsRemoved = value;
            }
        }
    }

    public string? TopicName
    {
        get => _rare?.TopicName;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.TopicName = value;
            }
        }
    }

    public bool? HistoryDisclosed
    {
        get => _rare?.HistoryDisclosed;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.HistoryDisclosed = value;
            }
        }
    }

    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak
    {
        get => _rare?.Speak;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.Speak = value;
            }
        }
    }

    public string? InputHint { get; set; }
    public string? Summary
    {
        get => _rare?.Summary;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.Summary = value;
            }
        }
    }

    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    /// <summary>
    /// Channel-specific data, passed through untouched. Read from the wire it stays as the original
    /// bytes until someone looks at it: most turns never do, and Web Chat sends it with every message.
    /// </summary>
    public JsonElement? ChannelData
    {
        get
        {
            if (_channelDataJson is { } json)
            {
                using var document = JsonDocument.Parse(json);
                _channelData = document.RootElement.Clone();
                _channelDataJson = null;
            }

            return _channelData;
        }

        set
        {
            _channelData = value;
            _channelDataJson = null;
        }
    }
    public string? Action
    {
        get => _rare?.Action;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.Action = value;
            }
        }
    }

    public string? ReplyToId { get; set; }
    public string? Label
    {
        get => _rare?.Label;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.Label = value;
            }
        }
    }

    public string? ValueType
    {
        get => _rare?.ValueType;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.ValueType = value;
            }
        }
    }

    public JsonElement? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo
    {
        get => _rare?.RelatesTo;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.RelatesTo = value;
            }
        }
    }

    public string? Code
    {
        get => _rare?.Code;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.Code = value;
            }
        }
    }

    public DateTimeOffset? Expiration
    {
        get => _rare?.Expiration;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.Expiration = value;
            }
        }
    }

    public string? Importance
    {
        get => _rare?.Importance;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.Importance = value;
            }
        }
    }

    public string? DeliveryMode { get; set; }
    public List<string>? ListenFor
    {
        get => _rare?.ListenFor;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.ListenFor = value;
            }
        }
    }

    public List<TextHighlight>? TextHighlights
    {
        get => _rare?.TextHighlights;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.TextHighlights = value;
            }
        }
    }

    public SemanticAction? SemanticAction
    {
        get => _rare?.SemanticAction;
        set
        {
            if (value is not null || _rare is not null)
            {
                Rare.SemanticAction = value;
            }
        }
    }


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

    /// <summary>The channel data exactly as it arrived, while nobody has read or replaced it.</summary>
    internal byte[]? UnreadChannelDataJson => _channelDataJson;

    internal void SetArrivedChannelData(byte[] json)
    {
        _channelData = null;
        _channelDataJson = json;
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

    private RareFields Rare => _rare ??= new RareFields();

    /// <summary>
    /// Fields most activities never carry, kept apart so that an ordinary message does not pay for
    /// them: the activity is created for every inbound message and every reply.
    /// </summary>
    private sealed class RareFields
    {
        public string? CallerId { get; set; }

        public string? AttachmentLayout { get; set; }

        public List<ChannelAccount>? MembersRemoved { get; set; }

        public List<MessageReaction>? ReactionsAdded { get; set; }

        public List<MessageReaction>? ReactionsRemoved { get; set; }

        public string? TopicName { get; set; }

        public bool? HistoryDisclosed { get; set; }

        public string? Speak { get; set; }

        public string? Summary { get; set; }

        public string? Action { get; set; }

        public string? Label { get; set; }

        public string? ValueType { get; set; }

        public ConversationReference? RelatesTo { get; set; }

        public string? Code { get; set; }

        public DateTimeOffset? Expiration { get; set; }

        public string? Importance { get; set; }

        public List<string>? ListenFor { get; set; }

        public List<TextHighlight>? TextHighlights { get; set; }

        public SemanticAction? SemanticAction { get; set; }
    }
}
