using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>
/// Source-generated serialization for every protocol type: camelCase, nulls omitted, timestamps as
/// channels write them. Use <see cref="Default"/> (or <see cref="ProtocolJson"/>) rather than
/// reflection-based options.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(WireTimestampConverter), typeof(ProtocolStringConverter)])]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ChannelAccount))]
[JsonSerializable(typeof(ConversationAccount))]
[JsonSerializable(typeof(List<MessageReaction>))]
[JsonSerializable(typeof(SuggestedActions))]
[JsonSerializable(typeof(List<Attachment>))]
[JsonSerializable(typeof(Attachment))]
[JsonSerializable(typeof(List<Entity>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<TextHighlight>))]
[JsonSerializable(typeof(SemanticAction))]
[JsonSerializable(typeof(List<Activity>))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(List<ChannelAccount>))]
[JsonSerializable(typeof(HeroCard))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
