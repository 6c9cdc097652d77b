using System.Security.Cryptography;
using System.Text.Json;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Files customers upload through Direct Line (a photo of a faulty item), kept in the data folder under a random
/// id with their declared type and name. The id in the attachment's contentUrl is the only way to a file:
/// 24 random bytes cannot be guessed, so Web Chat can show the image without a token.
/// </summary>
public sealed class DirectLineAttachments(string folder)
{
    public async Task<string> SaveAsync(Stream content, string contentType, string? name, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(folder);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var path = Path.Combine(folder, id);
        await using (var file = File.Create(path))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    file.Close();
                    File.Delete(path);
                    throw new InvalidDataException($"The file is larger than {maxBytes} bytes.");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        await File.WriteAllTextAsync(path + ".json", JsonSerializer.Serialize(new Meta(contentType, name)), cancellationToken);
        return id;
    }

    /// <summary>The file's path, type and name; null for an id that is not ours.</summary>
    public (string Path, string ContentType, string? Name)? Find(string id)
    {
        if (id.Length != 48 || id.Any(c => !char.IsAsciiHexDigitLower(c)))
        {
            return null;
        }

        var path = Path.Combine(folder, id);
        if (!File.Exists(path) || !File.Exists(path + ".json") || JsonSerializer.Deserialize<Meta>(File.ReadAllText(path + ".json")) is not { } meta)
        {
            return null;
        }

        return (path, meta.ContentType, meta.Name);
    }

    private sealed record Meta(string ContentType, string? Name);
}
