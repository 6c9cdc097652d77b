using Staffono.Skills.Analytics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Staffono.Bot.Endpoints;
using Staffono.Dialogs.Handoff;
using Staffono.Skills.Handoff;

namespace Staffono.Bot.Operators;

/// <summary>
/// The operator console: GET /operator (the page) and its API under /operator/api — the ticket list, one
/// ticket, and claim, reply, close and return to bot through the same <see cref="OperatorDesk"/> as Teams.
/// Every API call needs the operator key (<c>Authorization: Bearer</c>); actions also need the operator's
/// name (<c>X-Operator-Name</c>, percent-encoded), which the audit records.
/// </summary>
public static class OperatorConsoleEndpoints
{
    public const string NameHeader = "X-Operator-Name";

    /// <summary>Finished tickets stay in the list this long, so a colleague sees what was just done.</summary>
    public static readonly TimeSpan RecentlyFinished = TimeSpan.FromHours(24);

    private const int MaxNameLength = 60;
    private const int MaxReplyBodyBytes = 64 * 1024;
    private const string OperatorItem = "Staffono.Operator";

    public static IEndpointRouteBuilder MapOperatorConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/operator", (HttpContext http) =>
        {
            var page = Path.Combine(AppContext.BaseDirectory, "wwwroot", "operator.html");
            // The page holds no data; everything it shows comes from the API, behind the key. It is never framed.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XFrameOptions = "DENY";
            return File.Exists(page) ? Results.File(page, "text/html; charset=utf-8") : Results.NotFound();
        });

        var api = endpoints.MapGroup("/operator/api").AddEndpointFilter(RequireOperatorAsync);
        api.MapGet("/tickets", async (IHandoffStore store, HandoffOptions options, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var tickets = await store.ListAsync(now - RecentlyFinished, ct);
            return Results.Json(new { tickets = tickets.Select(t => TicketView.Of(t, now, options.OperatorLanguage)) });
        });
        // One-time codes and other messages the embedded mailbox kept instead of sending (no SMTP configured).
        api.MapGet("/mailbox", async (IServiceProvider services, CancellationToken ct) =>
            Results.Json(new { messages = services.GetService<Shop.MailboxFolder>() is { } mailbox ? await mailbox.LatestAsync(20, ct) : [] }));
        // The support KPIs and the questions nobody could answer (what to add to the FAQ), over the last days.
        api.MapGet("/support", async (IOutcomeLog outcomes, TimeProvider time, int? days, CancellationToken ct) =>
        {
            var since = time.GetUtcNow().AddDays(-Math.Clamp(days ?? 30, 1, 366));
            return Results.Json(Staffono.Dialogs.Support.SupportReport.Of(await outcomes.ReadWorkflowsAsync(Staffono.Dialogs.Support.SupportReport.WorkflowNames, since, ct)));
        });
        api.MapGet("/tickets/{id}", async (string id, IHandoffStore store, HandoffOptions options, TimeProvider time, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } ticket
                ? Results.Json(await DetailAsync(ticket, store, time.GetUtcNow(), options.OperatorLanguage, ct))
                : RequestBody.Problem(StatusCodes.Status404NotFound, "No such ticket", $"There is no ticket {id}."));
        api.MapPost("/tickets/{id}/claim", (string id, HttpContext http, OperatorDesk desk, IHandoffStore store, TimeProvider time, CancellationToken ct) =>
            AnswerAsync(desk, desk.ClaimAsync(id, OperatorOf(http), ct), store, time, ct));
        api.MapPost("/tickets/{id}/close", (string id, HttpContext http, OperatorDesk desk, IHandoffStore store, TimeProvider time, CancellationToken ct) =>
            AnswerAsync(desk, desk.FinishAsync(id, OperatorOf(http), HandoffState.Closed, ct), store, time, ct));
        api.MapPost("/tickets/{id}/return", (string id, HttpContext http, OperatorDesk desk, IHandoffStore store, TimeProvider time, CancellationToken ct) =>
            AnswerAsync(desk, desk.FinishAsync(id, OperatorOf(http), HandoffState.Returned, ct), store, time, ct));
        api.MapPost("/tickets/{id}/reply", async (string id, HttpContext http, OperatorDesk desk, IHandoffStore store, TimeProvider time, CancellationToken ct) =>
        {
            var text = await ReplyTextAsync(http.Request, ct);
            return text is null
                ? RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid reply", "Send JSON {\"text\": \"...\"} (at most 64 KB).")
                : await AnswerAsync(desk, desk.ReplyAsync(id, OperatorOf(http), text, ct), store, time, ct);
        });
        return endpoints;
    }

    /// <summary>401 without the key; 400 without a usable name on an action. The operator's name is kept for the action.</summary>
    private static async ValueTask<object?> RequireOperatorAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.RequestServices.GetRequiredService<OperatorKey>();
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !key.Matches(header["Bearer ".Length..].Trim()))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"operators\"";
            return RequestBody.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The operator console needs the operator key (Authorization: Bearer <key>).");
        }

        var name = NameFrom(http.Request.Headers[NameHeader].ToString());
        if (HttpMethods.IsPost(http.Request.Method) && name is null)
        {
            return RequestBody.Problem(StatusCodes.Status400BadRequest, "Operator name missing", $"Say who you are in the {NameHeader} header (percent-encoded, 1–{MaxNameLength} characters); the audit records it.");
        }

        http.Items[OperatorItem] = name;
        return await next(context);
    }

    private static string? NameFrom(string header)
    {
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(header).Trim();
        }
        catch (UriFormatException)
        {
            return null;
        }

        return decoded.Length is > 0 and <= MaxNameLength && !decoded.Any(char.IsControl) ? decoded : null;
    }

    private static string OperatorOf(HttpContext http) => (string)http.Items[OperatorItem]!;

    private static async Task<string?> ReplyTextAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxReplyBodyBytes)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<IResult> AnswerAsync(OperatorDesk desk, Task<DeskResult> action, IHandoffStore store, TimeProvider time, CancellationToken ct)
    {
        var result = await action;
        return result.Outcome switch
        {
            DeskOutcome.Done => Results.Json(await DetailAsync(result.Ticket!, store, time.GetUtcNow(), desk.OperatorLanguage, ct)),
            DeskOutcome.NotFound => RequestBody.Problem(StatusCodes.Status404NotFound, "No such ticket", result.Problem!),
            DeskOutcome.Empty => RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid reply", result.Problem!),
            _ => RequestBody.Problem(StatusCodes.Status409Conflict, "Not possible now", result.Problem!),
        };
    }

    /// <summary>The list's view of the ticket with its contact, fields, transcript and audit beside it (one flat object).</summary>
    private static async Task<JsonObject> DetailAsync(HandoffRecord ticket, IHandoffStore store, DateTimeOffset now, string language, CancellationToken ct)
    {
        var detail = TicketDetail.Of(ticket, await store.AuditAsync(ticket.Id, ct), now, language);
        var json = JsonSerializer.SerializeToNode(detail.Ticket, JsonSerializerOptions.Web)!.AsObject();
        json["contact"] = detail.Contact;
        json["language"] = detail.Language;
        json["fields"] = JsonSerializer.SerializeToNode(detail.Fields, JsonSerializerOptions.Web);
        json["transcript"] = JsonSerializer.SerializeToNode(detail.Transcript, JsonSerializerOptions.Web);
        json["audit"] = JsonSerializer.SerializeToNode(detail.Audit, JsonSerializerOptions.Web);
        return json;
    }
}
