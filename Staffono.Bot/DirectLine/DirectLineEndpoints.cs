using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Staffono.Bot.Endpoints;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Direct Line 3.0 at /v3/directline (PROTOCOL.md §4): tokens, conversations, posting and reading
/// activities, and the WebSocket stream. Every call but token generation needs a token, and a
/// token opens only its own conversation.
/// </summary>
public static class DirectLineEndpoints
{
    public const string CorsPolicy = "directline";

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v3/directline").RequireCors(CorsPolicy);
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/upload", UploadAsync);
        group.MapGet("/attachments/{id}", GetAttachment);
        group.Map("/conversations/{conversationId}/stream", DirectLineStream.HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext http, DirectLineTokenService tokens, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var vouched = !string.IsNullOrEmpty(options.Value.Secret);
        if (vouched && !BearsSecret(http, options.Value))
        {
            return SecretRequired();
        }

        var start = await ReadStartAsync(http, cancellationToken);
        if (start.Error is { } error)
        {
            return error;
        }

        var conversationId = NewId();
        if (vouched)
        {
            // The secret holder (the business's own token server) vouches for the id it names, as with Azure.
            var named = start.UserId ?? NewUserId();
            return Results.Json(new TokenResponse(conversationId, tokens.Issue(conversationId, named, start.Locale), (int)tokens.Lifetime.TotalSeconds));
        }

        var (proven, refused) = ProvenUser(http, tokens, start.UserId);
        if (refused is not null)
        {
            return refused;
        }

        var userId = proven ?? NewUserId();
        return Results.Json(new TokenResponse(
            conversationId, tokens.Issue(conversationId, userId, start.Locale), (int)tokens.Lifetime.TotalSeconds, userId, tokens.IssueUserCredential(userId)));
    }

    /// <summary>
    /// Without a secret nobody vouches for a client, so this service is the only one that names users: a client
    /// is the user its credential proves, or a new one. Naming an id without the credential for it is refused,
    /// so knowing a customer's id is not enough to speak (or cancel bookings) as that customer.
    /// </summary>
    private static (string? UserId, IResult? Refused) ProvenUser(HttpContext http, DirectLineTokenService tokens, string? namedUserId)
    {
        string? proven = null;
        if (BearerOf(http) is { Length: > 0 } credential)
        {
            var (userId, error) = tokens.ValidateUserCredential(credential);
            if (userId is null)
            {
                return (null, RequestBody.Problem(StatusCodes.Status403Forbidden, "Credential refused", error!));
            }

            proven = userId;
        }

        if (namedUserId is not null && !string.Equals(namedUserId, proven, StringComparison.Ordinal))
        {
            return (null, RequestBody.Problem(
                StatusCodes.Status403Forbidden,
                "Identity refused",
                proven is null
                    ? "This service assigns user ids: leave user.id out to get one, or send the user credential you were given as 'Authorization: Bearer <credential>'."
                    : "user.id names another user than the credential proves."));
        }

        return (proven, null);
    }

    private static IResult RefreshToken(HttpContext http, DirectLineTokenService tokens, IOptions<DirectLineOptions> options)
    {
        var (token, failure) = Authorize(http, tokens, conversationId: null);
        if (failure is not null)
        {
            return failure;
        }

        // Without a secret the page keeps its user credential fresh through refreshes too, so a conversation
        // kept open for months still comes back as the same customer.
        var credential = string.IsNullOrEmpty(options.Value.Secret) ? tokens.IssueUserCredential(token!.UserId) : null;
        return Results.Json(new TokenResponse(
            token!.ConversationId, tokens.Issue(token.ConversationId, token.UserId, token.Locale), (int)tokens.Lifetime.TotalSeconds, credential is null ? null : token.UserId, credential));
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext http, DirectLineTokenService tokens, IDirectLineStore store, DirectLineAdapter adapter, IBot bot, IOptions<DirectLineOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = await ReadStartAsync(http, cancellationToken);
        if (start.Error is { } error)
        {
            return error;
        }

        DirectLineToken grant;
        if (BearsSecret(http, options.Value))
        {
            grant = new DirectLineToken(NewId(), start.UserId ?? NewUserId(), default);
        }
        else
        {
            var (token, failure) = Authorize(http, tokens, conversationId: null);
            if (failure is not null)
            {
                return failure;
            }

            grant = token!;
        }

        var created = await store.CreateConversationAsync(grant.ConversationId, grant.UserId, cancellationToken);
        if (created)
        {
            // As Azure's Direct Line does: the bot learns that the user and the bot joined, and can greet.
            var update = new Activity
            {
                Type = ActivityTypes.ConversationUpdate,
                Id = NewId(),
                Timestamp = time.GetUtcNow(),
                ChannelId = ChannelIds.DirectLine,
                ServiceUrl = BaseUrl(http),
                Locale = start.Locale ?? grant.Locale,
                From = new ChannelAccount(grant.UserId, role: RoleTypes.User),
                Recipient = BotAccount(options.Value),
                Conversation = new ConversationAccount(grant.ConversationId),
                MembersAdded = [new ChannelAccount(grant.UserId, role: RoleTypes.User), BotAccount(options.Value)],
            };
            await adapter.RunTurnAsync(update, bot, cancellationToken);
        }

        var fresh = tokens.Issue(grant.ConversationId, grant.UserId, start.Locale ?? grant.Locale);
        var body = new ConversationResponse(grant.ConversationId, fresh, (int)tokens.Lifetime.TotalSeconds, StreamUrl(http, grant.ConversationId, fresh, null));
        return Results.Json(body, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReconnectAsync(HttpContext http, string conversationId, DirectLineTokenService tokens, IDirectLineStore store, CancellationToken cancellationToken)
    {
        var (token, failure) = Authorize(http, tokens, conversationId);
        if (failure is not null)
        {
            return failure;
        }

        if (await store.IssuedWatermarkAsync(conversationId, cancellationToken) is not { } issued)
        {
            return UnknownConversation();
        }

        if (ParseWatermark(http.Request.Query["watermark"]) is not { } watermark || watermark > issued)
        {
            return BadWatermark();
        }

        var fresh = tokens.Issue(token!.ConversationId, token.UserId, token.Locale);
        return Results.Json(new ConversationResponse(conversationId, fresh, (int)tokens.Lifetime.TotalSeconds, StreamUrl(http, conversationId, fresh, watermark)));
    }

    private static async Task<IResult> PostActivityAsync(
        HttpContext http, string conversationId, DirectLineTokenService tokens, IDirectLineStore store, DirectLineFeed feed, DirectLineAdapter adapter,
        IBot bot, IOptions<DirectLineOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (token, failure) = Authorize(http, tokens, conversationId);
        if (failure is not null)
        {
            return failure;
        }

        if (!RequestBody.IsJson(http.Request))
        {
            return RequestBody.NotJson();
        }

        var body = await RequestBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge();
        }

        if (!ProtocolJson.TryReadInbound(body, out var activity, out var error))
        {
            return RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid activity", error!);
        }

        if (string.IsNullOrWhiteSpace(activity!.Type))
        {
            return RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid activity", "The activity has no type.");
        }

        return await AcceptAsync(http, conversationId, token!, activity, store, feed, adapter, bot, options, time, loggers, cancellationToken);
    }

    /// <summary>
    /// A message with files (Direct Line's upload, as Web Chat sends a photo): multipart/form-data whose part
    /// "activity" (application/vnd.microsoft.activity) is the message and whose other parts are the files. Each
    /// file is kept and the message carries it as an attachment with a contentUrl on this service.
    /// </summary>
    private static async Task<IResult> UploadAsync(
        HttpContext http, string conversationId, DirectLineTokenService tokens, IDirectLineStore store, DirectLineFeed feed, DirectLineAdapter adapter, DirectLineAttachments files,
        IBot bot, IOptions<DirectLineOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (token, failure) = Authorize(http, tokens, conversationId);
        if (failure is not null)
        {
            return failure;
        }

        if (!http.Request.HasFormContentType)
        {
            return RequestBody.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Upload files as multipart/form-data, with the message in a part named 'activity'.");
        }

        var limit = options.Value.MaxAttachmentBytes;
        if (http.Request.ContentLength > (limit * options.Value.MaxAttachmentsPerMessage) + RequestBody.MaxBytes)
        {
            return RequestBody.Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"Each file may be at most {limit} bytes, and a message may carry {options.Value.MaxAttachmentsPerMessage}.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid upload", "The body is not valid multipart/form-data: " + ex.Message);
        }

        Activity? activity = null;
        var activityPart = form.Files.GetFile("activity");
        if (activityPart is not null || form.ContainsKey("activity"))
        {
            byte[] json;
            if (activityPart is not null)
            {
                using var buffer = new MemoryStream();
                await activityPart.CopyToAsync(buffer, cancellationToken);
                json = buffer.ToArray();
            }
            else
            {
                json = System.Text.Encoding.UTF8.GetBytes(form["activity"].ToString());
            }

            if (!ProtocolJson.TryReadInbound(json, out activity, out var error))
            {
                return RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid activity", error!);
            }
        }

        var uploads = form.Files.Where(f => f.Name != "activity").ToList();
        if (uploads.Count == 0)
        {
            return RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid upload", "The upload carries no file.");
        }

        if (uploads.Count > options.Value.MaxAttachmentsPerMessage || uploads.Any(f => f.Length > limit))
        {
            return RequestBody.Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"Each file may be at most {limit} bytes, and a message may carry {options.Value.MaxAttachmentsPerMessage}.");
        }

        if (!await store.ConversationExistsAsync(conversationId, cancellationToken))
        {
            return UnknownConversation();
        }

        activity ??= new Activity { Type = ActivityTypes.Message };
        activity.Type = string.IsNullOrWhiteSpace(activity.Type) ? ActivityTypes.Message : activity.Type;
        var attachments = new List<Attachment>();
        foreach (var upload in uploads)
        {
            var type = string.IsNullOrWhiteSpace(upload.ContentType) ? "application/octet-stream" : upload.ContentType;
            await using var content = upload.OpenReadStream();
            var id = await files.SaveAsync(content, type, upload.FileName, limit, cancellationToken);
            attachments.Add(new Attachment { ContentType = type, Name = upload.FileName, ContentUrl = $"{BaseUrl(http)}v3/directline/attachments/{id}" });
        }

        activity.Attachments = attachments;
        return await AcceptAsync(http, conversationId, token!, activity, store, feed, adapter, bot, options, time, loggers, cancellationToken);
    }

    /// <summary>An uploaded file, by the id in its contentUrl; served with its declared type, never sniffed into something else.</summary>
    private static IResult GetAttachment(HttpContext http, string id, DirectLineAttachments files)
    {
        if (files.Find(id) is not { } file)
        {
            return RequestBody.Problem(StatusCodes.Status404NotFound, "No such attachment", "There is no attachment with this id.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return Results.File(file.Path, file.ContentType, fileDownloadName: file.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? null : file.Name ?? "attachment");
    }

    /// <summary>Stores a customer's activity in the conversation, notifies readers, and runs the bot's turn on it.</summary>
    private static async Task<IResult> AcceptAsync(
        HttpContext http, string conversationId, DirectLineToken token, Activity activity, IDirectLineStore store, DirectLineFeed feed, DirectLineAdapter adapter,
        IBot bot, IOptions<DirectLineOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await store.ConversationExistsAsync(conversationId, cancellationToken))
        {
            return UnknownConversation();
        }

        // The server, not the client, decides who speaks where: the token's user, in the token's conversation, to this bot.
        activity.Timestamp = time.GetUtcNow();
        activity.ChannelId = activity.ChannelId is ChannelIds.Webchat ? ChannelIds.Webchat : ChannelIds.DirectLine;
        activity.ServiceUrl = BaseUrl(http);
        activity.From = new ChannelAccount(token.UserId, activity.From?.Name, RoleTypes.User);
        activity.Recipient = BotAccount(options.Value);
        activity.Conversation = new ConversationAccount(conversationId);
        activity.DeliveryMode = null;
        if (await store.TryAppendAsync(conversationId, activity, options.Value.MaxHistoryBytes, cancellationToken) is not { } id)
        {
            return RequestBody.Problem(
                StatusCodes.Status413PayloadTooLarge,
                "Conversation history full",
                $"This conversation's history has reached {options.Value.MaxHistoryBytes} bytes; start a new conversation.");
        }

        feed.Notify(conversationId);

        try
        {
            await adapter.RunTurnAsync(activity, bot, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The turn error handler already answers the user; this is a failure of that handler itself.
            loggers.CreateLogger(typeof(DirectLineEndpoints)).LogError(ex, "The bot failed on Direct Line conversation {Conversation}", conversationId);
            return RequestBody.Problem(StatusCodes.Status502BadGateway, "The bot failed", "The activity was received, but the bot could not process it.");
        }

        return Results.Json(new IdResponse(id));
    }

    private static async Task<IResult> GetActivitiesAsync(HttpContext http, string conversationId, DirectLineTokenService tokens, IDirectLineStore store, CancellationToken cancellationToken)
    {
        var (_, failure) = Authorize(http, tokens, conversationId);
        if (failure is not null)
        {
            return failure;
        }

        if (ParseWatermark(http.Request.Query["watermark"]) is not { } watermark)
        {
            return BadWatermark();
        }

        // One bounded page; a client with more to read follows the watermark, as Direct Line clients do.
        using var page = await store.ReadPageAsync(conversationId, watermark, cancellationToken);
        if (FeedProblem(page) is { } problem)
        {
            return problem;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        foreach (var part in page.ActivitySetParts())
        {
            await http.Response.Body.WriteAsync(part, cancellationToken);
        }

        return Results.Empty;
    }

    /// <summary>The answer when a page could not be read: no such conversation, or a watermark it never issued.</summary>
    internal static IResult? FeedProblem(FeedPage page) => page.Status switch
    {
        FeedStatus.UnknownConversation => UnknownConversation(),
        FeedStatus.WatermarkNotIssued => BadWatermark(),
        _ => null,
    };

    /// <summary>The watermark a client sent: empty or missing means "from the start"; anything else must be a feed position.</summary>
    internal static long? ParseWatermark(string? value) =>
        string.IsNullOrEmpty(value) || value == "-" ? 0
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var watermark) ? watermark
        : null;

    internal static (DirectLineToken? Token, IResult? Failure) Authorize(HttpContext http, DirectLineTokenService tokens, string? conversationId, string? tokenOverride = null)
    {
        var raw = tokenOverride ?? BearerOf(http);
        if (string.IsNullOrEmpty(raw))
        {
            return (null, RequestBody.Problem(StatusCodes.Status401Unauthorized, "Token required", "Send the Direct Line token as 'Authorization: Bearer <token>'."));
        }

        var (token, error) = tokens.Validate(raw);
        if (token is null)
        {
            return (null, RequestBody.Problem(StatusCodes.Status403Forbidden, "Token refused", error!));
        }

        if (conversationId is not null && !string.Equals(conversationId, token.ConversationId, StringComparison.Ordinal))
        {
            return (null, RequestBody.Problem(StatusCodes.Status403Forbidden, "Token refused", "The token is for another conversation."));
        }

        return (token, null);
    }

    private static IResult SecretRequired() =>
        RequestBody.Problem(StatusCodes.Status403Forbidden, "Secret required", "Send the Direct Line secret as 'Authorization: Bearer <secret>'.");

    /// <summary>Whether the request carries the configured Direct Line secret (compared in constant time).</summary>
    internal static bool BearsSecret(HttpContext http, DirectLineOptions options) =>
        options.Secret is { Length: > 0 } secret
        && BearerOf(http) is { } bearer
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(bearer), System.Text.Encoding.UTF8.GetBytes(secret));

    private static async Task<(string? UserId, string? Locale, IResult? Error)> ReadStartAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is 0 or null && !http.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return (null, null, null);
        }

        var body = await RequestBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return (null, null, RequestBody.TooLarge());
        }

        if (body.Length == 0)
        {
            return (null, null, null);
        }

        if (JsonTextValidator.FindMalformedText(body) is { } malformed)
        {
            return (null, null, RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid request", $"The body holds malformed text: {malformed}."));
        }

        try
        {
            var start = JsonSerializer.Deserialize<StartRequest>(body, JsonSerializerOptions.Web);
            var userId = start?.User?.Id;
            if (userId is { Length: > 128 })
            {
                return (null, null, RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid user", "user.id may be at most 128 characters."));
            }

            return (string.IsNullOrWhiteSpace(userId) ? null : userId, start?.Locale, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, null, RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid request", $"The body is not a valid request: {ex.Message}"));
        }
    }

    private static string? BearerOf(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    internal static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";

    private static string StreamUrl(HttpContext http, string conversationId, string token, long? watermark)
    {
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var query = $"?t={Uri.EscapeDataString(token)}" + (watermark is { } w ? $"&watermark={w.ToString(CultureInfo.InvariantCulture)}" : string.Empty);
        return $"{scheme}://{http.Request.Host}{http.Request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream{query}";
    }

    private static ChannelAccount BotAccount(DirectLineOptions options) => new(options.BotId, options.BotName, RoleTypes.Bot);

    private static IResult BadWatermark() => RequestBody.Problem(StatusCodes.Status400BadRequest, "Invalid watermark", "The watermark must be one this service returned for this conversation.");

    private static IResult UnknownConversation() => RequestBody.Problem(StatusCodes.Status404NotFound, "Unknown conversation", "Start the conversation first.");

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private static string NewUserId() => "dl_" + NewId()[..20];

    private sealed record StartRequest(StartUser? User, string? Locale);

    private sealed record StartUser(string? Id, string? Name);

    /// <summary>Azure's token answer; without a secret also the user this service assigned and the credential proving it.</summary>
    private sealed record TokenResponse(
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("userId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId = null,
        [property: JsonPropertyName("userCredential"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserCredential = null);

    private sealed record ConversationResponse(
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("streamUrl")] string StreamUrl);

    private sealed record IdResponse([property: JsonPropertyName("id")] string Id);
}
