using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Staffono.Dialogs.Engine;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;

namespace Staffono.Bot.Tests.Dialogs;

/// <summary>
/// Talks to a dialog the way a channel would: each message is one real adapter turn (expectReplies)
/// with conversation state in the given storage, and the bot's replies come back in order.
/// </summary>
internal sealed class DialogTestFlow : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly ChannelAdapter _adapter;
    private readonly IBot _bot;
    private readonly string _conversationId;
    private readonly string _channelId;
    private int _sequence;

    public DialogTestFlow(Dialog root, IStorage? storage = null, string? locale = "ru-RU", string conversationId = "conv-1", string channelId = ChannelIds.Webchat)
        : this(storage ?? new MemoryStorage(), locale, conversationId, channelId, state => new DialogBot(root, state.CreateProperty<DialogState>("dialogState")))
    {
    }

    public DialogTestFlow(IStorage storage, string? locale, string conversationId, string channelId, Func<ConversationState, IBot> createBot, Func<ConversationState, UserState, IBot>? createBotWithUser = null)
    {
        Storage = storage;
        Locale = locale;
        _conversationId = conversationId;
        _channelId = channelId;
        var conversationState = new ConversationState(storage);
        var userState = new UserState(storage);
        _adapter = new ChannelAdapter(new BotRequestAuthenticator(new BotCredentialsOptions()), new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance));
        _bot = createBotWithUser?.Invoke(conversationState, userState) ?? createBot(conversationState);
        var handler = new TurnErrorHandler(conversationState, NullLogger<TurnErrorHandler>.Instance, _bot as ITurnRecovery);
        _adapter.Use(new AutoSaveStateMiddleware(conversationState, userState));
        _adapter.Use(handler);
        _adapter.OnTurnError = (turn, error, ct) =>
        {
            Errors.Add(error);
            return handler.HandleAsync(turn, error, ct);
        };
    }

    public IStorage Storage { get; }

    /// <summary>Exceptions turns ended with (the user saw the apology).</summary>
    public List<Exception> Errors { get; } = [];

    public string? Locale { get; set; }

    /// <summary>Sends a message and returns the texts of the bot's replies.</summary>
    public async Task<List<string>> SendAsync(string text) => (await SendActivityAsync(Message(text))).Select(a => a.Text ?? string.Empty).ToList();

    public async Task<List<Activity>> SendActivityAsync(Activity activity)
    {
        var result = await _adapter.ProcessAsync(null, activity, _bot);
        if (result.Status != 200)
        {
            throw new InvalidOperationException($"The turn answered {result.Status}: {result.Reason}");
        }

        return JsonSerializer.Deserialize(result.JsonBody!, ProtocolJson.Context.ExpectedReplies)!.Activities;
    }

    public Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"m{++_sequence}",
        Text = text,
        Locale = Locale,
        ChannelId = _channelId,
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount("user-1", "Anna", RoleTypes.User),
        Recipient = new ChannelAccount("staffono", "Staffono", RoleTypes.Bot),
        Conversation = new ConversationAccount(_conversationId),
    };

    public void Dispose() => _http.Dispose();

    private sealed class DialogBot(Dialog root, IStatePropertyAccessor<DialogState> state) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            DialogRunner.RunAsync(root, turnContext, state, cancellationToken);
    }
}
