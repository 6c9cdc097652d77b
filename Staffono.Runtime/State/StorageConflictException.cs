namespace Staffono.Runtime.State;

/// <summary>
/// A write found the stored document changed since it was read (another turn or another process
/// wrote it). Nothing was written.
/// </summary>
public sealed class StorageConflictException : Exception
{
    public StorageConflictException(string key, string? expectedETag)
        : base(expectedETag is null
            ? $"Storage conflict on '{key}': it was created by another writer."
            : $"Storage conflict on '{key}': it changed since it was read (expected ETag '{expectedETag}').")
    {
        Key = key;
        ExpectedETag = expectedETag;
    }

    public string Key { get; }

    public string? ExpectedETag { get; }
}
