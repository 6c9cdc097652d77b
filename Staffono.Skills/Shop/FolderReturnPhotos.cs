using System.Security.Cryptography;

namespace Staffono.Skills.Shop;

/// <summary>Return photos as files in a folder of the data directory, named by a random id and their type.</summary>
public sealed class FolderReturnPhotos(string folder) : IReturnPhotos
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = ".jpg",
        ["image/png"] = ".png",
        ["image/webp"] = ".webp",
        ["image/gif"] = ".gif",
        ["image/heic"] = ".heic",
    };

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        if (!Extensions.TryGetValue(contentType, out var extension))
        {
            throw new ArgumentException($"'{contentType}' is not an image type a return accepts.", nameof(contentType));
        }

        Directory.CreateDirectory(folder);
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + extension;
        await File.WriteAllBytesAsync(Path.Combine(folder, name), content.ToArray(), cancellationToken);
        return name;
    }

    public async Task<(byte[] Content, string ContentType)?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        // Names are ours (hex and an extension): anything else is not a photo of ours and must not reach the file system.
        var extension = Path.GetExtension(name);
        var type = Extensions.FirstOrDefault(e => e.Value == extension).Key;
        if (type is null || Path.GetFileNameWithoutExtension(name).Any(c => !char.IsAsciiHexDigitLower(c)) || !File.Exists(Path.Combine(folder, name)))
        {
            return null;
        }

        return (await File.ReadAllBytesAsync(Path.Combine(folder, name), cancellationToken), type);
    }
}
