using System.Text.Json;

namespace Staffono.Dialogs.Engine;

/// <summary>
/// One dialog on the stack, as it is saved between turns: which dialog, which version of its
/// definition started it, its own values as JSON, and — for component dialogs — the stack inside it.
/// </summary>
public sealed class DialogInstance
{
    public required string Id { get; init; }

    /// <summary>The <see cref="Dialog.Version"/> this instance was started with.</summary>
    public string? Version { get; set; }

    public Dictionary<string, JsonElement> State { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The stack of a component dialog's own inner dialogs (top first); null for other dialogs.</summary>
    public List<DialogInstance>? InnerStack { get; set; }

    public T? Get<T>(string key) =>
        State.TryGetValue(key, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.Deserialize<T>(DialogJson.Options)
            : default;

    public void Set<T>(string key, T value) => State[key] = JsonSerializer.SerializeToElement(value, DialogJson.Options);
}
