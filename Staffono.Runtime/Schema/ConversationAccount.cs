using System.Text.Json;
using System.Text.Json.Serialization;

namespace Staffono.Runtime.Schema;

/// <summary>The conversation an activity belongs to.</summary>
[JsonConverter(typeof(ConversationAccountConverter))]
public sealed class ConversationAccount
{
    public ConversationAccount() { }

    public ConversationAccount(string id, bool? isGroup = null, string? name = null)
    {
        Id = id;
        IsGroup = isGroup;
        Name = name;
    }

    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
    public string? TenantId { get; set; }

    /// <summary>Fields this type does not model, kept so that a round trip loses nothing.</summary>
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
