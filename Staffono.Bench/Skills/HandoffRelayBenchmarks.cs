using BenchmarkDotNet.Attributes;
using Staffono.Bot.Hosting;
using Staffono.Skills.Handoff;

namespace Staffono.Bench.Skills;

/// <summary>
/// What every customer message now pays to learn whether a person has the conversation: one look in the ticket
/// store (an indexed SQLite read) over a file with 10,000 tickets, 100 of them open — for a conversation with no
/// ticket (nearly every message) and for one whose ticket is open.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class HandoffRelayBenchmarks
{
    private string _folder = null!;
    private SqliteHandoffStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "staffono-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = new SqliteHandoffStore(SharedSqliteFile.At(Path.Combine(_folder, "bench.db")));
        var transcript = Enumerable.Range(0, 20).Select(i => new TranscriptLine(i % 2 == 0, "сообщение клиента или бота номер " + i, DateTimeOffset.UnixEpoch)).ToList();
        for (var i = 0; i < 10_000; i++)
        {
            var ticket = _store.CreateAsync(new HandoffRecord("", $"webchat/c{i}", "{}", $"webchat/u{i}", "Анна", "ru", "booking", "urgent", new Dictionary<string, string> { ["service"] = "Стрижка" }, transcript, DateTimeOffset.UnixEpoch)).GetAwaiter().GetResult();
            if (i % 100 != 0)
            {
                _store.FinishAsync(ticket.Id, HandoffState.Closed, "Anna", DateTimeOffset.UnixEpoch).GetAwaiter().GetResult();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<HandoffRecord?> Conversation_without_a_ticket() => _store.OpenOfConversationAsync("webchat/never-handed-off");

    [Benchmark]
    public Task<HandoffRecord?> Conversation_whose_ticket_is_open() => _store.OpenOfConversationAsync("webchat/c500");
}
