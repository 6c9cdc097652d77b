using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;

namespace Staffono.Bot.Tests.Runtime.Adapter;

/// <summary>A channel adapter wired as the host wires it (anonymous auth, auto-saved state, the turn error handler).</summary>
internal sealed class AdapterHarness : IDisposable
{
    private readonly HttpClient _http = new();

    public AdapterHarness(IStorage? storage = null)
    {
        Storage = new CountingStorage(storage ?? new MemoryStorage());
        ConversationState = new ConversationState(Storage);
        UserState = new UserState(Storage);
        Adapter = new ChannelAdapter(
            new BotRequestAuthenticator(new BotCredentialsOptions()),
            new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance, baseDelay: TimeSpan.FromMilliseconds(1)));
        var errors = new TurnErrorHandler(ConversationState, NullLogger<TurnErrorHandler>.Instance);
        Adapter.Use(new AutoSaveStateMiddleware(ConversationState, UserState));
        Adapter.Use(errors);
        Adapter.OnTurnError = errors.HandleAsync;
    }

    public CountingStorage Storage { get; }

    public ConversationState ConversationState { get; }

    public UserState UserState { get; }

    public ChannelAdapter Adapter { get; }

    public static Activity Message(string text, string conversation = "conv-1", string? locale = "en-US", string? serviceUrl = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        Locale = locale,
        ChannelId = ChannelIds.Webchat,
        ServiceUrl = serviceUrl,
        DeliveryMode = serviceUrl is null ? DeliveryModes.ExpectReplies : null,
        From = new ChannelAccount("user-1", "Anna", RoleTypes.User),
        Recipient = new ChannelAccount("staffono", "Staffono", RoleTypes.Bot),
        Conversation = new ConversationAccount(conversation),
    };

    public Task<ProcessResult> SendAsync(Activity activity, IBot bot) => Adapter.ProcessAsync(null, activity, bot);

    public Task<ProcessResult> SendRawAsync(string body, IBot bot) => Adapter.ProcessAsync(null, Encoding.UTF8.GetBytes(body), bot);

    public static List<Activity> Replies(ProcessResult result) =>
        JsonSerializer.Deserialize(result.JsonBody!, ProtocolJson.Context.ExpectedReplies)!.Activities;

    public void Dispose() => _http.Dispose();
}
