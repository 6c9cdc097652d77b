namespace Staffono.Bot.Endpoints;

/// <summary>Reading a JSON request body with a size limit, the same way at every endpoint.</summary>
internal static class RequestBody
{
    /// <summary>Largest accepted activity; channels send far less, so more is a mistake or an attack.</summary>
    public const int MaxBytes = 256 * 1024;

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/> (announced or streamed).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);

    public static IResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The body may be at most {MaxBytes} bytes.");

    public static IResult NotJson() => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send the activity as application/json.");
}
