using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly;
using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Connector;

/// <summary>
/// The Bot Connector v3 REST API for one service URL (PROTOCOL.md §2). Transient failures (429, 5xx,
/// network errors) are retried by the factory's pipeline; anything else surfaces at once as
/// <see cref="ConnectorException"/>.
/// </summary>
public sealed class ConnectorClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly IAccessTokenProvider _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _resilience;

    internal ConnectorClient(HttpClient http, Uri baseUri, IAccessTokenProvider tokens, ResiliencePipeline<HttpResponseMessage> resilience)
    {
        _http = http;
        _baseUri = baseUri;
        _tokens = tokens;
        _resilience = resilience;
    }

    public Uri BaseUri => _baseUri;

    /// <summary>POST v3/conversations/{cid}/activities — a new message in the conversation.</summary>
    public Task<ResourceResponse> SendToConversationAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var conversationId = RequireConversationId(activity);
        return SendAsync(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities", activity, ProtocolJson.Context.Activity, ProtocolJson.Context.ResourceResponse, cancellationToken)!;
    }

    /// <summary>POST v3/conversations/{cid}/activities/{replyToId} — a reply threaded under an activity.</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var conversationId = RequireConversationId(activity);
        var replyToId = activity.ReplyToId ?? throw new ArgumentException("A reply needs replyToId.", nameof(activity));
        return SendAsync(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, ProtocolJson.Context.Activity, ProtocolJson.Context.ResourceResponse, cancellationToken)!;
    }

    /// <summary>PUT v3/conversations/{cid}/activities/{id} — replaces an activity the bot sent.</summary>
    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var conversationId = RequireConversationId(activity);
        var id = activity.Id ?? throw new ArgumentException("An update needs the activity id.", nameof(activity));
        return SendAsync(HttpMethod.Put, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(id)}", activity, ProtocolJson.Context.Activity, ProtocolJson.Context.ResourceResponse, cancellationToken)!;
    }

    /// <summary>DELETE v3/conversations/{cid}/activities/{id}.</summary>
    public async Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        await SendAsync<object, object>(HttpMethod.Delete, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, null, null, cancellationToken);
    }

    /// <summary>POST v3/conversations — starts a conversation (a Teams thread, a proactive 1:1).</summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return SendAsync(HttpMethod.Post, "v3/conversations", parameters, ProtocolJson.Context.ConversationParameters, ProtocolJson.Context.ConversationResourceResponse, cancellationToken)!;
    }

    /// <summary>GET v3/conversations/{cid}/members.</summary>
    public async Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var members = await SendAsync<object, List<ChannelAccount>>(HttpMethod.Get, $"v3/conversations/{Escape(conversationId)}/members", null, null, ProtocolJson.Context.ListChannelAccount, cancellationToken);
        return members ?? [];
    }

    private async Task<TResponse?> SendAsync<TRequest, TResponse>(
        HttpMethod method,
        string relativePath,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse>? responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        var uri = new Uri(_baseUri, relativePath);
        var payload = body is null || requestType is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        var token = await _tokens.GetTokenAsync(cancellationToken);

        HttpResponseMessage response;
        try
        {
            response = await _resilience.ExecuteAsync(
                async ct =>
                {
                    // A request message can be sent once only, so every attempt builds its own.
                    using var request = new HttpRequestMessage(method, uri);
                    if (payload is not null)
                    {
                        request.Content = new ByteArrayContent(payload);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    }

                    if (token is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    return await _http.SendAsync(request, ct);
                },
                cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException(ex.StatusCode ?? 0, null, $"{method} {uri} failed: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await CreateExceptionAsync(method, uri, response, cancellationToken);
            }

            if (responseType is null || response.StatusCode == HttpStatusCode.NoContent)
            {
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (bytes.Length == 0)
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize(bytes, responseType);
            }
            catch (JsonException ex)
            {
                throw new ConnectorException(response.StatusCode, null, $"{method} {uri} answered {(int)response.StatusCode} with a body that is not the expected JSON.", ex);
            }
        }
    }

    private static async Task<ConnectorException> CreateExceptionAsync(HttpMethod method, Uri uri, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? code = null;
        string? message = null;
        try
        {
            var error = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, ProtocolJson.Context.ErrorResponse);
            code = error?.Error?.Code;
            message = error?.Error?.Message;
        }
        catch (JsonException)
        {
            // Not the connector's error shape (a proxy's HTML page, say): keep the raw text below.
        }

        var detail = message ?? (text.Length > 200 ? text[..200] : text);
        var builder = new StringBuilder().Append(method).Append(' ').Append(uri).Append(" failed with ").Append((int)response.StatusCode);
        if (code is not null)
        {
            builder.Append(" (").Append(code).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(detail))
        {
            builder.Append(": ").Append(detail);
        }

        return new ConnectorException(response.StatusCode, code, builder.ToString());
    }

    private static string RequireConversationId(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
