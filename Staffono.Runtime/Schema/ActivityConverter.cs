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
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"An activity must be a JSON object, not {reader.TokenType}.");
        }

        var activity = new Activity();
        Dictionary<string, JsonElement>? unknown = null;
        Span<char> buffer = stackalloc char[JsonWire.MaxKnownNameLength];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var length = JsonWire.ReadMemberName(ref reader, buffer, out var longName);
            var name = length < 0 ? default : buffer[..length];
            switch (name)
            {
                case "type": activity.Type = JsonWire.ReadString(ref reader); break;
                case "id": activity.Id = JsonWire.ReadString(ref reader); break;
                case "timestamp": activity.Timestamp = JsonWire.ReadTimestamp(ref reader); break;
                case "localTimestamp": activity.LocalTimestamp = JsonWire.ReadTimestamp(ref reader); break;
                case "localTimezone": activity.LocalTimezone = JsonWire.ReadString(ref reader); break;
                case "callerId": activity.CallerId = JsonWire.ReadString(ref reader); break;
                case "serviceUrl": activity.ServiceUrl = JsonWire.ReadString(ref reader); break;
                case "channelId": activity.ChannelId = JsonWire.ReadString(ref reader); break;
                case "from": activity.From = ChannelAccountConverter.ReadAccount(ref reader); break;
                case "conversation": activity.Conversation = ConversationAccountConverter.ReadConversation(ref reader); break;
                case "recipient": activity.Recipient = ChannelAccountConverter.ReadAccount(ref reader); break;
                case "textFormat": activity.TextFormat = JsonWire.ReadString(ref reader); break;
                case "attachmentLayout": activity.AttachmentLayout = JsonWire.ReadString(ref reader); break;
                case "membersAdded": activity.MembersAdded = JsonWire.Read<List<ChannelAccount>>(ref reader, options); break;
                case "membersRemoved": activity.MembersRemoved = JsonWire.Read<List<ChannelAccount>>(ref reader, options); break;
                case "reactionsAdded": activity.ReactionsAdded = JsonWire.Read<List<MessageReaction>>(ref reader, options); break;
                case "reactionsRemoved": activity.ReactionsRemoved = JsonWire.Read<List<MessageReaction>>(ref reader, options); break;
                case "topicName": activity.TopicName = JsonWire.ReadString(ref reader); break;
                case "historyDisclosed": activity.HistoryDisclosed = JsonWire.ReadBoolean(ref reader); break;
                case "locale": activity.Locale = JsonWire.ReadString(ref reader); break;
                case "text": activity.Text = JsonWire.ReadString(ref reader); break;
                case "speak": activity.Speak = JsonWire.ReadString(ref reader); break;
                case "inputHint": activity.InputHint = JsonWire.ReadString(ref reader); break;
                case "summary": activity.Summary = JsonWire.ReadString(ref reader); break;
                case "suggestedActions": activity.SuggestedActions = JsonWire.Read<SuggestedActions>(ref reader, options); break;
                case "attachments": activity.Attachments = JsonWire.ReadList<Attachment>(ref reader, options); break;
                case "entities": activity.Entities = ReadEntities(ref reader, source); break;
                case "channelData": activity.ChannelData = JsonWire.ReadElement(ref reader); break;
                case "action": activity.Action = JsonWire.ReadString(ref reader); break;
                case "replyToId": activity.ReplyToId = JsonWire.ReadString(ref reader); break;
                case "label": activity.Label = JsonWire.ReadString(ref reader); break;
                case "valueType": activity.ValueType = JsonWire.ReadString(ref reader); break;
                case "value": activity.Value = JsonWire.ReadElement(ref reader); break;
                case "name": activity.Name = JsonWire.ReadString(ref reader); break;
                case "relatesTo": activity.RelatesTo = JsonWire.Read<ConversationReference>(ref reader, options); break;
                case "code": activity.Code = JsonWire.ReadString(ref reader); break;
                case "expiration": activity.Expiration = JsonWire.ReadTimestamp(ref reader); break;
                case "importance": activity.Importance = JsonWire.ReadString(ref reader); break;
                case "deliveryMode": activity.DeliveryMode = JsonWire.ReadString(ref reader); break;
                case "listenFor": activity.ListenFor = JsonWire.Read<List<string>>(ref reader, options); break;
                case "textHighlights": activity.TextHighlights = JsonWire.Read<List<TextHighlight>>(ref reader, options); break;
                case "semanticAction": activity.SemanticAction = JsonWire.Read<SemanticAction>(ref reader, options); break;
                default: JsonWire.AddUnknown(ref unknown, name, longName, ref reader); break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("The activity's JSON ends early.");
        }

        activity.Properties = unknown;
        return activity;
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
        JsonWire.WriteElement(writer, "channelData"u8, value.ChannelData);
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
