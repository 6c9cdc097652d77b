using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Adapter;

/// <summary>
/// The adapter for real channels: it checks and authenticates what a channel POSTs, runs the turn,
/// and sends replies through the Bot Connector — or, with <c>expectReplies</c>, returns them in the
/// HTTP answer. It knows nothing of ASP.NET: the host hands it a header and a body.
/// </summary>
public sealed class ChannelAdapter : BotAdapter
{
    /// <summary>Per-turn key of the <see cref="ConnectorClient"/> in <see cref="ITurnContext.TurnState"/>.</summary>
    public const string ConnectorClientKey = "ConnectorClient";

    private readonly IRequestAuthenticator _authenticator;
    private readonly ConnectorClientFactory _connectors;
    private readonly ILogger _logger;

    public ChannelAdapter(IRequestAuthenticator authenticator, ConnectorClientFactory connectors, ILogger<ChannelAdapter>? logger = null)
    {
        _authenticator = authenticator ?? throw new ArgumentNullException(nameof(authenticator));
        _connectors = connectors ?? throw new ArgumentNullException(nameof(connectors));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Handles one POST to the messaging endpoint: the raw body as the channel sent it.</summary>
    public Task<ProcessResult> ProcessAsync(string? authorizationHeader, ReadOnlyMemory<byte> body, IBot bot, CancellationToken cancellationToken = default) =>
        ProtocolJson.TryReadInbound(body.Span, out var activity, out var error)
            ? ProcessAsync(authorizationHeader, activity!, bot, cancellationToken)
            : Task.FromResult(ProcessResult.BadRequest(error!));

    /// <summary>Handles one already-parsed activity.</summary>
    public async Task<ProcessResult> ProcessAsync(string? authorizationHeader, Activity activity, IBot bot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return ProcessResult.BadRequest("The activity has no type.");
        }

        var authentication = await _authenticator.AuthenticateAsync(authorizationHeader, activity, cancellationToken);
        if (!authentication.Succeeded)
        {
            // Debug, not higher: whoever sends bad tokens must not be able to write the bot's log.
            _logger.LogDebug("Refused an activity from {Channel}: {Reason}", activity.ChannelId, authentication.FailureReason);
            return ProcessResult.Unauthorized(authentication.FailureReason ?? "Authentication failed.");
        }

        if (!ActivityTypes.IsKnown(activity.Type))
        {
            // The protocol grows; a type we do not know is acknowledged and ignored, never an error.
            return ProcessResult.Ok;
        }

        if (InboundActivity.FindStructuralProblem(activity) is { } problem)
        {
            return ProcessResult.BadRequest(problem);
        }

        var expectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
        if (!expectReplies && !IsHttpUrl(activity.ServiceUrl))
        {
            return ProcessResult.BadRequest("The activity has no valid serviceUrl to send replies to (and does not ask for expectReplies).");
        }

        var turnContext = new TurnContext(this, activity) { BufferedReplies = expectReplies ? [] : null };
        if (!expectReplies)
        {
            turnContext.TurnState[ConnectorClientKey] = _connectors.Create(activity.ServiceUrl!);
        }

        await RunPipelineAsync(turnContext, bot.OnTurnAsync, cancellationToken);

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invoke = turnContext.InvokeResponse ?? InvokeResponse.NotImplemented(activity.Name);
            return new ProcessResult(invoke.Status, invoke.Body is { } b ? JsonSerializer.SerializeToUtf8Bytes(b, ProtocolJson.Context.JsonElement) : null);
        }

        if (expectReplies)
        {
            var replies = new ExpectedReplies { Activities = turnContext.BufferedReplies! };
            return new ProcessResult(200, JsonSerializer.SerializeToUtf8Bytes(replies, ProtocolJson.Context.ExpectedReplies));
        }

        return ProcessResult.Ok;
    }

    public override async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var connector = ConnectorFor(turnContext);
        var responses = new List<ResourceResponse>(activities.Count);
        foreach (var activity in activities)
        {
            var response = activity.ReplyToId is not null
                ? await connector.ReplyToActivityAsync(activity, cancellationToken)
                : await connector.SendToConversationAsync(activity, cancellationToken);
            responses.Add(response);
        }

        return responses;
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        ConnectorFor(turnContext).UpdateActivityAsync(activity, cancellationToken);

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        ConnectorFor(turnContext).DeleteActivityAsync(reference.Conversation?.Id ?? string.Empty, reference.ActivityId ?? string.Empty, cancellationToken);

    public override async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        await RunProactivePipelineAsync(CreateProactiveTurn(reference), callback, cancellationToken);
    }

    protected override TurnContext CreateProactiveTurn(ConversationReference reference)
    {
        var activity = CreateContinuationActivity(reference);
        if (!IsHttpUrl(activity.ServiceUrl))
        {
            throw new ArgumentException("The conversation reference has no serviceUrl to send to.", nameof(reference));
        }

        var turnContext = new TurnContext(this, activity);
        turnContext.TurnState[ConnectorClientKey] = _connectors.Create(activity.ServiceUrl!);
        return turnContext;
    }

    private static ConnectorClient ConnectorFor(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(ConnectorClientKey, out var client) && client is ConnectorClient connector
            ? connector
            : throw new InvalidOperationException("This turn has no connector (it asked for expectReplies, so replies go in the HTTP answer).");

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
