namespace Staffono.Runtime.State;

/// <summary>
/// One stored document: its JSON and the ETag it had when read. On write, <see cref="ETag"/> says
/// what the writer expects: null = the key must not exist yet, "*" = overwrite whatever is there,
/// anything else = the stored ETag must still be exactly this.
/// </summary>
public sealed record StoreItem(string Json, string? ETag = null)
{
    /// <summary>The ETag that overwrites unconditionally.</summary>
    public const string AnyETag = "*";
}
