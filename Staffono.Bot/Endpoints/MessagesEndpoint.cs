using Microsoft.AspNetCore.Http.Features;
using Staffono.Runtime.Adapter;

namespace Staffono.Bot.Endpoints;

/// <summary>POST /api/messages: the Bot Framework messaging endpoint that Azure Bot Service and the Emulator call.</summary>
public static class MessagesEndpoint
{
    /// <summary>Largest accepted activity; channels send far less, so more is a mistake or an attack.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync);
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ChannelAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!IsJson(http.Request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send the activity as application/json.");
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The body may be at most {MaxBodyBytes} bytes.");
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(http.Request, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The body may be at most {MaxBodyBytes} bytes.");
        }

        var result = await adapter.ProcessAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, body, bot, cancellationToken);
        if (result.Reason is not null)
        {
            return Problem(result.Status, result.Status == 401 ? "Unauthorized" : "Invalid activity", result.Reason);
        }

        if (result.JsonBody is not { } json)
        {
            return Results.StatusCode(result.Status);
        }

        http.Response.StatusCode = result.Status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(json, cancellationToken);
        return Results.Empty;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);
}
