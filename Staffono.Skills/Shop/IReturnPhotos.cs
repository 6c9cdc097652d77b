namespace Staffono.Skills.Shop;

/// <summary>Photos customers send with a return (a defect, damage), kept with the return for the person who checks it.</summary>
public interface IReturnPhotos
{
    /// <summary>Stores the photo; returns the name the return refers to it by.</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The photo's bytes and type, or null.</summary>
    Task<(byte[] Content, string ContentType)?> ReadAsync(string name, CancellationToken cancellationToken = default);
}
