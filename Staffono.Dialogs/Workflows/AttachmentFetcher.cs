using Staffono.Runtime.Schema;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// Reads what a customer attached (a photo): inline as a data: URL, or from its contentUrl over HTTP —
/// Direct Line's uploads and other channels' files alike — never more than <paramref name="maxBytes"/>.
/// </summary>
public sealed class AttachmentFetcher(HttpClient http, long maxBytes = AttachmentFetcher.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>The bytes, or null when the attachment is missing, unreachable, or larger than the limit.</summary>
    public async Task<byte[]?> FetchAsync(Attachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var url = attachment.ContentUrl;
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase) || (url.Length - comma) * 3L / 4 > MaxBytes + 3)
            {
                return null;
            }

            try
            {
                var bytes = Convert.FromBase64String(url[(comma + 1)..]);
                return bytes.Length <= MaxBytes ? bytes : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxBytes)
            {
                return null;
            }

            // Read at most one byte past the limit: a server that does not say the length cannot make us read a film.
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    return null;
                }
            }

            return buffer.ToArray();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
