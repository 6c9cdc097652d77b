using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Staffono.Bot.Tests.Support;

namespace Staffono.Bot.Tests.Bot.Operators;

/// <summary>
/// A loopback Bot Connector standing in for Teams and the customers' channels: it records every call and
/// answers as the connector does — a new channel thread gets an id and the card's activity id, sends and
/// updates get ids. <see cref="RefuseThreads"/> makes it answer creating a thread as Teams does for a removed app.
/// </summary>
public sealed class TeamsConnector : IAsyncDisposable
{
    public const string Thread = "19:ops@thread.tacv2;messageid=1001";
    public const string CardId = "1001";

    private int _ids;

    private TeamsConnector(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }

    public string ServiceUrl => Server.BaseUri.ToString();

    /// <summary>Answer creating a conversation with this status and Teams' error body (403 MessageWritesBlocked).</summary>
    public HttpStatusCode? RefuseThreads { get; set; }

    public static async Task<TeamsConnector> StartAsync()
    {
        TeamsConnector? connector = null;
        var server = await LoopbackServer.StartAsync(async (context, request) =>
        {
            context.Response.ContentType = "application/json";
            if (request is { Method: "POST", RawTarget: "/v3/conversations" } && connector!.RefuseThreads is { } refusal)
            {
                context.Response.StatusCode = (int)refusal;
                await context.Response.WriteAsync("""{"error":{"code":"MessageWritesBlocked","message":"The bot is not part of the conversation roster."}}""");
                return;
            }

            var id = Interlocked.Increment(ref connector!._ids);
            await context.Response.WriteAsync(request.RawTarget == "/v3/conversations"
                ? JsonSerializer.Serialize(new { id = Thread, activityId = CardId })
                : JsonSerializer.Serialize(new { id = $"sent-{id}" }));
        });
        connector = new TeamsConnector(server);
        return connector;
    }

    /// <summary>Every call so far into a conversation (its id unescaped), in order.</summary>
    public IReadOnlyList<(string Method, string Conversation, string? ActivityId, JsonElement Body)> CallsInto()
    {
        var calls = new List<(string, string, string?, JsonElement)>();
        foreach (var request in Server.Requests)
        {
            var parts = request.RawTarget.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["v3", "conversations", var conversation, "activities", ..])
            {
                calls.Add((request.Method, Uri.UnescapeDataString(conversation), parts.Length > 4 ? Uri.UnescapeDataString(parts[4]) : null, JsonDocument.Parse(request.Body).RootElement.Clone()));
            }
        }

        return calls;
    }

    /// <summary>The texts sent into one conversation (new messages and replies, not updates), in order.</summary>
    public IReadOnlyList<string> TextsInto(string conversation) =>
        CallsInto().Where(c => c.Method == "POST" && c.Conversation == conversation && c.Body.TryGetProperty("text", out _))
            .Select(c => c.Body.GetProperty("text").GetString()!).ToList();

    /// <summary>The bodies of POST /v3/conversations (new threads), in order.</summary>
    public IReadOnlyList<JsonElement> ThreadsCreated() =>
        Server.Requests.Where(r => r is { Method: "POST", RawTarget: "/v3/conversations" }).Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
