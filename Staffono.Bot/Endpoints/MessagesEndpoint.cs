using Staffono.Runtime.Adapter;

namespace Staffono.Bot.Endpoints;

/// <summary>POST /api/messages: the Bot Framework messaging endpoint that Azure Bot Service and the Emulator call.</summary>
public static class MessagesEndpoint
{
    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync);
        // Healthy once the host answers at full speed (see Warmup); 503 while it is still warming up.
        endpoints.MapGet("/healthz", (Hosting.Readiness readiness) => readiness.IsReady ? Results.Text("ok") : Results.Text("warming up", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ChannelAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        if (!RequestBody.IsJson(http.Request))
        {
            return RequestBody.NotJson();
        }

        var body = await RequestBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge();
        }

        var result = await adapter.ProcessAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, body, bot, cancellationToken);
        if (result.Reason is not null)
        {
            return RequestBody.Problem(result.Status, result.Status == 401 ? "Unauthorized" : "Invalid activity", result.Reason);
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
}
