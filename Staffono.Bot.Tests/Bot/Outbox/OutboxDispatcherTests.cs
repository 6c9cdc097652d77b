using Microsoft.AspNetCore.Http;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Staffono.Bot.Outbox;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Runtime.State;
using Staffono.Skills.Customers;
using Staffono.Skills.Outbox;
using Xunit;

namespace Staffono.Bot.Tests.Bot.Outbox;

/// <summary>
/// The dispatcher on the real host, with messages of kinds only these tests render, sent through a loopback Bot
/// Connector. The host's own loop is off; each test runs the rounds itself, or starts a loop of its own.
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    // Tuesday 2026-11-24 10:30 in Moscow: not quiet.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private readonly List<IOutboxRenderer> _renderers = [];
    private LoopbackServer _connector = null!;
    private RunningHost? _host;

    private RunningHost Host => _host ?? throw new InvalidOperationException("Start the host first.");

    private IOutboxStore Store => Host.Services.GetRequiredService<IOutboxStore>();

    private OutboxDispatcher Dispatcher => Host.Services.GetRequiredService<OutboxDispatcher>();

    public async Task InitializeAsync() =>
        _connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_message_of_a_kind_no_workflow_renders_is_skipped_with_the_reason_and_a_warning()
    {
        await StartAsync();
        await EnqueueAsync("campaign/1", "campaign.spring");

        Assert.Equal(0, await Dispatcher.RunOnceAsync());

        Assert.Equal(("skipped", 1, (string?)"no workflow renders 'campaign.spring'"), Settled(await Store.FindAsync("campaign/1")));
        Assert.Contains(Host.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message == "Outbox message campaign/1 is of kind campaign.spring, which no registered workflow renders; skipped");
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_message_its_renderer_finds_no_longer_worth_sending_is_skipped_as_no_longer_useful()
    {
        _renderers.Add(new ScriptedRenderer("test.gone", _ => null));
        await StartAsync();
        await EnqueueAsync("gone/1", "test.gone");

        Assert.Equal(0, await Dispatcher.RunOnceAsync());

        Assert.Equal(("skipped", 1, (string?)"no longer useful"), Settled(await Store.FindAsync("gone/1")));
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_reply_the_channel_needs_in_several_parts_sends_each_with_the_messages_id_numbered_after_the_first()
    {
        // Telegram takes 4096 characters a message: this is three.
        var text = string.Join(' ', Enumerable.Repeat("напоминание", 900));
        _renderers.Add(new ScriptedRenderer("test.long", _ => new LogicalReply(text)));
        await StartAsync();
        await EnqueueAsync("long/1", "test.long");

        Assert.Equal(1, await Dispatcher.RunOnceAsync());

        var found = (await Store.FindAsync("long/1"))!.Value;
        Assert.Equal(("sent", (string?)null), (found.State, found.Outcome));
        var sent = _connector.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal([found.ActivityId, $"{found.ActivityId}/1", $"{found.ActivityId}/2"], sent.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(text, string.Join(' ', sent.Select(a => a.GetProperty("text").GetString()!.Trim())));
        Assert.All(sent, a => Assert.False(a.TryGetProperty("channelData", out _)));
    }

    [Fact]
    public async Task Outside_facebooks_window_an_allowed_tag_goes_in_every_parts_channel_data_and_is_recorded()
    {
        // Messenger takes 2000 characters a message: this is two.
        var text = string.Join(' ', Enumerable.Repeat("reminder", 300));
        _renderers.Add(new ScriptedRenderer("test.tagged", _ => new LogicalReply(text), "CONFIRMED_EVENT_UPDATE"));
        await StartAsync("--Outbox:FacebookTags:test.tagged=CONFIRMED_EVENT_UPDATE");
        await EnqueueAsync("tagged/late", "test.tagged", "facebook", "fb-late", wroteAgo: TimeSpan.FromDays(2));
        await EnqueueAsync("tagged/recent", "test.tagged", "facebook", "fb-recent", wroteAgo: TimeSpan.FromHours(1));

        Assert.Equal(2, await Dispatcher.RunOnceAsync());

        var late = SentTo("fb-late");
        Assert.Equal(2, late.Count);
        Assert.All(late, a => JsonAssert.Equal("""{"messaging_type":"MESSAGE_TAG","tag":"CONFIRMED_EVENT_UPDATE"}""", a.GetProperty("channelData").GetRawText()));
        Assert.Equal(("sent", 1, (string?)"facebook tag CONFIRMED_EVENT_UPDATE"), Settled(await Store.FindAsync("tagged/late")));
        // Within the window a message needs no tag, and gets none.
        var recent = SentTo("fb-recent");
        Assert.Equal(2, recent.Count);
        Assert.All(recent, a => Assert.False(a.TryGetProperty("channelData", out _)));
        Assert.Equal(("sent", 1, (string?)null), Settled(await Store.FindAsync("tagged/recent")));
    }

    [Fact]
    public async Task A_send_takes_its_permit_from_the_limits_of_its_channel_and_its_conversation()
    {
        _renderers.Add(new ScriptedRenderer("test.plain", _ => new LogicalReply("Hello")));
        // One message per chat every 1000 s: the permit the dispatcher took is still missing when the test looks.
        await StartAsync("--Outbox:PerChatPerSecond:telegram=0.001");
        await EnqueueAsync("plain/1", "test.plain", "telegram", "tg-conversation", user: "tg-user");

        Assert.Equal(1, await Dispatcher.RunOnceAsync());

        var limits = Host.Services.GetRequiredService<OutboxRateLimits>();
        using var cancel = new CancellationTokenSource();
        var sameChat = limits.WaitAsync("telegram", "tg-conversation", cancel.Token);
        Assert.False(sameChat.IsCompleted);
        Assert.True(limits.WaitAsync("telegram", "tg-user", cancel.Token).IsCompletedSuccessfully);
        Assert.True(limits.WaitAsync("telegram", "another-conversation", cancel.Token).IsCompletedSuccessfully);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sameChat.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_background_loop_keeps_polling_after_a_failed_round_and_ends_when_stopped()
    {
        _renderers.Add(new ScriptedRenderer("test.plain", _ => new LogicalReply("After the outage")));
        await StartAsync();
        var pollInterval = TimeSpan.FromMinutes(1);
        using var polls = new SemaphoreSlim(0);
        _clock.TimerCreated += due =>
        {
            if (due == pollInterval)
            {
                polls.Release();
            }
        };
        var database = Host.Services.GetRequiredService<SqliteDatabase>();
        database.Execute("DROP TABLE outbox");     // the next round fails: its database is broken
        var loop = ActivatorUtilities.CreateInstance<OutboxDispatcher>(Host.Services, Options.Create(new OutboxOptions { PollInterval = pollInterval }));
        try
        {
            await loop.StartAsync(CancellationToken.None);
            Assert.True(await polls.WaitAsync(TimeSpan.FromSeconds(30)), "The loop scheduled no poll after its failed round.");
            var error = Assert.Single(Host.Logs.Lines, l => l.Message == "The outbox dispatcher failed a round");
            Assert.Equal(LogLevel.Error, error.Level);
            Assert.Contains("no such table: outbox", error.Exception!.Message, StringComparison.Ordinal);

            // Repaired, with a message due: the next poll sends it, and the one after is scheduled.
            _ = new OutboxStore(database);
            await EnqueueAsync("plain/after", "test.plain");
            _clock.Advance(pollInterval);
            Assert.True(await polls.WaitAsync(TimeSpan.FromSeconds(30)), "The loop stopped polling after a failed round.");
            Assert.Equal("sent", (await Store.FindAsync("plain/after"))?.State);
            Assert.Contains("After the outage", Assert.Single(_connector.Requests).Body, StringComparison.Ordinal);
        }
        finally
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await loop.StopAsync(deadline.Token);
        }

        // Stopping ends the loop in its wait for the next poll, as a normal end rather than a failure.
        Assert.True(loop.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Single(Host.Logs.Lines, l => l.Message == "The outbox dispatcher failed a round");
    }

    [Fact]
    public async Task With_dispatch_off_the_loop_ends_at_once_and_sends_nothing_that_is_due()
    {
        _renderers.Add(new ScriptedRenderer("test.plain", _ => new LogicalReply("Hello")));
        await StartAsync();
        await EnqueueAsync("plain/off", "test.plain");
        var timers = 0;
        _clock.TimerCreated += _ => Interlocked.Increment(ref timers);

        var loop = ActivatorUtilities.CreateInstance<OutboxDispatcher>(Host.Services, Options.Create(new OutboxOptions { Dispatch = false }));
        await loop.StartAsync(CancellationToken.None);
        await loop.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(loop.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal(0, timers);
        Assert.Empty(_connector.Requests);
        Assert.Equal(("pending", 0, (string?)null), Settled(await Store.FindAsync("plain/off")));
    }

    private async Task StartAsync(params string[] settings)
    {
        _host = await RunningHost.StartAsync(
            null,
            services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                foreach (var renderer in _renderers)
                {
                    services.AddSingleton(renderer);
                }
            },
            ["--Outbox:Dispatch=false", .. settings]);
    }

    /// <summary>A message due now to <paramref name="conversation"/>, from a customer who last wrote <paramref name="wroteAgo"/>.</summary>
    private async Task EnqueueAsync(string key, string kind, string channel = "telegram", string conversation = "tg-1", string user = "u-1", TimeSpan? wroteAgo = null)
    {
        var now = _clock.GetUtcNow();
        var customer = $"{channel}/{user}/{conversation}";
        await Host.Services.GetRequiredService<IContactLog>().WroteAsync(customer, now - (wroteAgo ?? TimeSpan.FromMinutes(5)));
        var reference = $$"""{"user":{"id":"{{user}}"},"bot":{"id":"bot"},"conversation":{"id":"{{conversation}}"},"channelId":"{{channel}}","serviceUrl":"{{_connector.BaseUri}}"}""";
        await Store.EnqueueAsync(new OutboxMessage(key, kind, now, null, reference, customer, "en", "{}", Transactional: true));
    }

    private List<JsonElement> SentTo(string conversation) =>
        _connector.Requests.Where(r => r.RawTarget.Contains($"/conversations/{conversation}/", StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    private static (string State, int Attempts, string? Outcome) Settled((string State, int Attempts, string? Outcome, string ActivityId)? found) =>
        found is { } f ? (f.State, f.Attempts, f.Outcome) : throw new InvalidOperationException("No such message.");

    /// <summary>A workflow's renderer as these tests need it: its kind, its Facebook tag and what it renders.</summary>
    private sealed class ScriptedRenderer(string kind, Func<OutboxMessage, LogicalReply?> render, string? facebookTag = null) : IOutboxRenderer
    {
        public string Kind => kind;

        public string? FacebookTag => facebookTag;

        public Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.FromResult(render(message));
    }
}
