using System.Text;
using BenchmarkDotNet.Attributes;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Runtime.State;

namespace Staffono.Bench.Runtime;

/// <summary>
/// One whole turn through the adapter as the HTTP endpoint drives it: parse, authenticate (no app
/// id), read conversation state from SQLite, run a bot that changes it and replies, write the state
/// back, and serialize the expectReplies answer.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AdapterTurnBenchmarks
{
    private readonly HttpClient _http = new();
    private string _folder = null!;
    private ChannelAdapter _adapter = null!;
    private CounterBot _bot = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "staffono-bench", Guid.NewGuid().ToString("N"));
        var storage = new SqliteStorage(Path.Combine(_folder, "bench.db"));
        var conversationState = new ConversationState(storage);
        _adapter = new ChannelAdapter(new BotRequestAuthenticator(new BotCredentialsOptions()), new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance));
        _adapter.Use(new AutoSaveStateMiddleware(conversationState));
        _bot = new CounterBot(conversationState.CreateProperty<TurnCounter>("counter"));
        _body = Encoding.UTF8.GetBytes("""
            {"type":"message","id":"a1","channelId":"webchat","locale":"ru-RU","text":"Можно завтра в 11 на стрижку?",
             "deliveryMode":"expectReplies","serviceUrl":"http://127.0.0.1:3978/",
             "from":{"id":"dl_user","name":"Анна","role":"user"},"recipient":{"id":"staffono","name":"Staffono"},
             "conversation":{"id":"bench-conversation"},"channelData":{"clientActivityID":"c-1"}}
            """);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<int> FullTurnWithSqliteState()
    {
        var result = await _adapter.ProcessAsync(null, _body, _bot);
        return result.JsonBody!.Length;
    }

    public sealed class TurnCounter
    {
        public int Turns { get; set; }

        public string? LastText { get; set; }
    }

    private sealed class CounterBot(IStatePropertyAccessor<TurnCounter> counter) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var state = (await counter.GetAsync(turnContext, () => new TurnCounter(), cancellationToken))!;
            state.Turns++;
            state.LastText = turnContext.Activity.Text;
            await turnContext.SendActivityAsync("Могу завтра в 11:00, в четверг в 16:30 или в пятницу в 10:00.", cancellationToken);
        }
    }
}
