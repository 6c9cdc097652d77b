using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Reads and writes <see cref="Activity"/> by hand. Every inbound and outbound message passes through
/// here, and source-generated code has no fast path for a type with extension data, so the members are
/// matched and written directly; nested types without a hot path still use the generated metadata.
/// Unknown members land in <see cref="Activity.Properties"/> and are written back after the known ones.
/// </summary>
public sealed class ActivityConverter : JsonConverter<Activity>
{
    public override Activity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadActivity(ref reader, options, default);

    /// <summary>
    /// Reads one activity. When the caller has the whole input at hand (<paramref name="source"/>, the
    /// span <paramref name="reader"/> reads), entities keep slices of it instead of being parsed.
    /// </summary>
    internal static Activity ReadActivity(ref Utf8JsonReader reader, JsonSerializerOptions options, ReadOnlySpan<byte> source)
    {
        var activity = new Activity();
        activity.Properties = JsonWire.ReadObject(ref reader, new ReadContext(activity, options, source), "An activity", ReadMember);
        return activity;
    }

    private static bool ReadMember(ref Utf8JsonReader reader, ReadContext c, scoped ReadOnlySpan<char> name)
    {
        switch (name)
        {
                case "type": c.Activity.Type = JsonWire.ReadString(ref reader); return true;
                case "id": c.Activity.Id = JsonWire.ReadString(ref reader); return true;
                case "timestamp": c.Activity.Timestamp = JsonWire.ReadTimestamp(ref reader); return true;
                case "localTimestamp": c.Activity.LocalTimestamp = JsonWire.ReadTimestamp(ref reader); return true;
                case "localTimezone": c.Activity.LocalTimezone = JsonWire.ReadString(ref reader); return true;
                case "callerId": c.Activity.CallerId = JsonWire.ReadString(ref reader); return true;
                case "serviceUrl": c.Activity.ServiceUrl = JsonWire.ReadString(ref reader); return true;
                case "channelId": c.Activity.ChannelId = JsonWire.ReadString(ref reader); return true;
                case "from": c.Activity.From = ChannelAccountConverter.ReadAccount(ref reader); return true;
                case "conversation": c.Activity.Conversation = ConversationAccountConverter.ReadConversation(ref reader); return true;
                case "recipient": c.Activity.Recipient = ChannelAccountConverter.ReadAccount(ref reader); return true;
                case "textFormat": c.Activity.TextFormat = JsonWire.ReadString(ref reader); return true;
                case "attachmentLayout": c.Activity.AttachmentLayout = JsonWire.ReadString(ref reader); return true;
                case "membersAdded": c.Activity.MembersAdded = JsonWire.ReadList<ChannelAccount>(ref reader, c.Options); return true;
                case "membersRemoved": c.Activity.MembersRemoved = JsonWire.ReadList<ChannelAccount>(ref reader, c.Options); return true;
                case "reactionsAdded": c.Activity.ReactionsAdded = JsonWire.ReadList<MessageReaction>(ref reader, c.Options); return true;
                case "reactionsRemoved": c.Activity.ReactionsRemoved = JsonWire.ReadList<MessageReaction>(ref reader, c.Options); return true;
                case "topicName": c.Activity.TopicName = JsonWire.ReadString(ref reader); return true;
                case "historyDisclosed": c.Activity.HistoryDisclosed = JsonWire.ReadBoolean(ref reader); return true;
                case "locale": c.Activity.Locale = JsonWire.ReadString(ref reader); return true;
                case "text": c.Activity.Text = JsonWire.ReadString(ref reader); return true;
                case "speak": c.Activity.Speak = JsonWire.ReadString(ref reader); return true;
                case "inputHint": c.Activity.InputHint = JsonWire.ReadString(ref reader); return true;
                case "summary": c.Activity.Summary = JsonWire.ReadString(ref reader); return true;
                case "suggestedActions": c.Activity.SuggestedActions = JsonWire.Read<SuggestedActions>(ref reader, c.Options); return true;
                case "attachments": c.Activity.Attachments = JsonWire.ReadList<Attachment>(ref reader, c.Options); return true;
                case "entities": c.Activity.Entities = ReadEntities(ref reader, c.Source); return true;
                case "channelData": ReadChannelData(ref reader, c); return true;
                case "action": c.Activity.Action = JsonWire.ReadString(ref reader); return true;
                case "replyToId": c.Activity.ReplyToId = JsonWire.ReadString(ref reader); return true;
                case "label": c.Activity.Label = JsonWire.ReadString(ref reader); return true;
                case "valueType": c.Activity.ValueType = JsonWire.ReadString(ref reader); return true;
                case "value": c.Activity.Value = JsonWire.ReadElement(ref reader); return true;
                case "name": c.Activity.Name = JsonWire.ReadString(ref reader); return true;
                case "relatesTo": c.Activity.RelatesTo = JsonWire.Read<ConversationReference>(ref reader, c.Options); return true;
                case "code": c.Activity.Code = JsonWire.ReadString(ref reader); return true;
                case "expiration": c.Activity.Expiration = JsonWire.ReadTimestamp(ref reader); return true;
                case "importance": c.Activity.Importance = JsonWire.ReadString(ref reader); return true;
                case "deliveryMode": c.Activity.DeliveryMode = JsonWire.ReadString(ref reader); return true;
                case "listenFor": c.Activity.ListenFor = JsonWire.ReadList<string>(ref reader, c.Options); return true;
                case "textHighlights": c.Activity.TextHighlights = JsonWire.ReadList<TextHighlight>(ref reader, c.Options); return true;
                case "semanticAction": c.Activity.SemanticAction = JsonWire.Read<SemanticAction>(ref reader, c.Options); return true;
                default: return false;
        }
    }

    /// <summary>Nearly every Web Chat message carries a ClientCapabilities entity, so entities skip the generic list path.</summary>
    private static List<Entity>? ReadEntities(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"entities must be an array, not {reader.TokenType}.");
        }

        var entities = new List<Entity>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("An entity must be a JSON object.");
            }

            entities.Add(source.IsEmpty ? new Entity(JsonElement.ParseValue(ref reader)) : ReadEntitySlice(ref reader, source));
        }

        return entities;
    }

    private static void ReadChannelData(ref Utf8JsonReader reader, ReadContext c)
    {
        if (c.Source.IsEmpty || reader.TokenType != JsonTokenType.StartObject)
        {
            c.Activity.ChannelData = JsonWire.ReadElement(ref reader);
            return;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        c.Activity.SetArrivedChannelData(c.Source[start..(int)reader.BytesConsumed].ToArray());
    }

    /// <summary>Finds the entity's type while stepping over it, and keeps its bytes for later.</summary>
    private static Entity ReadEntitySlice(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        var start = (int)reader.TokenStartIndex;
        string? type = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                type = Entity.KnownType(ref reader) ?? reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new Entity(source[start..(int)reader.BytesConsumed].ToArray(), type);
    }

    /// <summary>What reading one activity needs besides the reader; a ref struct because it carries the input span.</summary>
    private readonly ref struct ReadContext(Activity activity, JsonSerializerOptions options, ReadOnlySpan<byte> source)
    {
        public Activity Activity { get; } = activity;

        public JsonSerializerOptions Options { get; } = options;

        public ReadOnlySpan<byte> Source { get; } = source;
    }

    public override void Write(Utf8JsonWriter writer, Activity value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        JsonWire.WriteString(writer, "type"u8, value.Type);
        JsonWire.WriteString(writer, "id"u8, value.Id);
        JsonWire.WriteTimestamp(writer, "timestamp"u8, value.Timestamp);
        JsonWire.WriteTimestamp(writer, "localTimestamp"u8, value.LocalTimestamp);
        JsonWire.WriteString(writer, "localTimezone"u8, value.LocalTimezone);
        JsonWire.WriteString(writer, "callerId"u8, value.CallerId);
        JsonWire.WriteString(writer, "serviceUrl"u8, value.ServiceUrl);
        JsonWire.WriteString(writer, "channelId"u8, value.ChannelId);
        ChannelAccountConverter.WriteAccount(writer, "from"u8, value.From);
        ConversationAccountConverter.WriteConversation(writer, "conversation"u8, value.Conversation);
        ChannelAccountConverter.WriteAccount(writer, "recipient"u8, value.Recipient);
        JsonWire.WriteString(writer, "textFormat"u8, value.TextFormat);
        JsonWire.WriteString(writer, "attachmentLayout"u8, value.AttachmentLayout);
        JsonWire.Write(writer, "membersAdded"u8, value.MembersAdded, options);
        JsonWire.Write(writer, "membersRemoved"u8, value.MembersRemoved, options);
        JsonWire.Write(writer, "reactionsAdded"u8, value.ReactionsAdded, options);
        JsonWire.Write(writer, "reactionsRemoved"u8, value.ReactionsRemoved, options);
        JsonWire.WriteString(writer, "topicName"u8, value.TopicName);
        JsonWire.WriteBoolean(writer, "historyDisclosed"u8, value.HistoryDisclosed);
        JsonWire.WriteString(writer, "locale"u8, value.Locale);
        JsonWire.WriteString(writer, "text"u8, value.Text);
        JsonWire.WriteString(writer, "speak"u8, value.Speak);
        JsonWire.WriteString(writer, "inputHint"u8, value.InputHint);
        JsonWire.WriteString(writer, "summary"u8, value.Summary);
        JsonWire.Write(writer, "suggestedActions"u8, value.SuggestedActions, options);
        JsonWire.Write(writer, "attachments"u8, value.Attachments, options);
        JsonWire.Write(writer, "entities"u8, value.Entities, options);
        if (value.UnreadChannelDataJson is { } channelData)
        {
            writer.WritePropertyName("channelData"u8);
            writer.WriteRawValue(channelData, skipInputValidation: true);
        }
        else
        {
            JsonWire.WriteElement(writer, "channelData"u8, value.ChannelData);
        }

        JsonWire.WriteString(writer, "action"u8, value.Action);
        JsonWire.WriteString(writer, "replyToId"u8, value.ReplyToId);
        JsonWire.WriteString(writer, "label"u8, value.Label);
        JsonWire.WriteString(writer, "valueType"u8, value.ValueType);
        JsonWire.WriteElement(writer, "value"u8, value.Value);
        JsonWire.WriteString(writer, "name"u8, value.Name);
        JsonWire.Write(writer, "relatesTo"u8, value.RelatesTo, options);
        JsonWire.WriteString(writer, "code"u8, value.Code);
        JsonWire.WriteTimestamp(writer, "expiration"u8, value.Expiration);
        JsonWire.WriteString(writer, "importance"u8, value.Importance);
        JsonWire.WriteString(writer, "deliveryMode"u8, value.DeliveryMode);
        JsonWire.Write(writer, "listenFor"u8, value.ListenFor, options);
        JsonWire.Write(writer, "textHighlights"u8, value.TextHighlights, options);
        JsonWire.Write(writer, "semanticAction"u8, value.SemanticAction, options);
        JsonWire.WriteUnknown(writer, value.Properties);
        writer.WriteEndObject();
    }
}
