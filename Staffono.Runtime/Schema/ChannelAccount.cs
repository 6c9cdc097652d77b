using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>A participant of a conversation: a user or a bot.</summary>
[JsonConverter(typeof(ChannelAccountConverter))]
public sealed class ChannelAccount
{
    public ChannelAccount() { }

    public ChannelAccount(string id, string? name = null, string? role = null)
    {
        Id = id;
        Name = name;
        Role = role;
    }

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    /// <summary>Fields this type does not model, kept so that a round trip loses nothing.</summary>
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
