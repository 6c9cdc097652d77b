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
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(WireTimestampConverter)])]
[JsonSerializable(typeof(Activity))]
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
