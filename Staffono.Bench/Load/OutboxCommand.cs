using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Staffono.Bot;
using Staffono.Bot.Outbox;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Outbox;

namespace Staffono.Bench.Load;

/// <summary>
/// The outbox dispatcher under load, loopback only: 100,000 due messages, each to its own conversation,
/// sent through the real host's dispatcher to a loopback Bot Connector; prints the rate and checks that
/// none was lost or doubled. The channel ("bench") has no rate limit, and the clock stands at noon in the
/// business's time zone, so quiet hours never hold anything back.
/// <c>dotnet run -c Release --project Staffono.Bench -- outbox [--count 100000]</c>
/// </summary>
internal static class OutboxCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args is ["--count", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 100_000;
        var received = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var connectorBuilder = WebApplication.CreateSlimBuilder();
        connectorBuilder.Logging.ClearProviders();
        connectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        var connector = connectorBuilder.Build();
        connector.Run(async context =>
        {
            // POST /v3/conversations/{id}/activities: count per conversation.
            var conversation = context.Request.Path.Value!.Split('/')[3];
            received.AddOrUpdate(conversation, 1, (_, c) => c + 1);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"x"}""");
        });
        await connector.StartAsync();
        var connectorUrl = connector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";

        var folder = Path.Combine(Path.GetTempPath(), "staffono-outbox", Guid.NewGuid().ToString("N"));
        var clock = new NoonClock();
        var host = StaffonoHost.Create(
            ["--urls=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Logging:LogLevel:Default=Warning", "--Outbox:Dispatch=false"],
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<IOutboxRenderer, PingRenderer>();
            });
        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<IOutboxStore>();
            var now = clock.GetUtcNow();
            Console.WriteLine($"Enqueueing {count} due messages...");
            var prepare = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var reference = $$"""{"user":{"id":"u{{i}}"},"bot":{"id":"bot"},"conversation":{"id":"conv-{{i}}"},"channelId":"bench","serviceUrl":"{{connectorUrl}}"}""";
                await store.EnqueueAsync(new OutboxMessage($"bench/{i}", PingRenderer.PingKind, now.AddMinutes(-1), now.AddDays(1), reference, $"bench/u{i}", "ru", "{}", Transactional: false));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enqueued in {prepare.Elapsed.TotalSeconds:F1} s"));
            var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
            var watch = Stopwatch.StartNew();
            var sent = await dispatcher.RunOnceAsync();
            watch.Stop();
            var again = await dispatcher.RunOnceAsync();
            var doubled = received.Count(p => p.Value > 1);
            var lost = count - received.Count;
            var settled = await store.CountSentAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sent {sent} in {watch.Elapsed.TotalSeconds:F2} s = {sent / watch.Elapsed.TotalSeconds:F0} per second; second round sent {again}; received by the connector {received.Values.Sum()}, lost {lost}, doubled {doubled}; marked sent {settled}"));
            return lost == 0 && doubled == 0 && again == 0 && settled == count ? 0 : 1;
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
            await connector.StopAsync();
            await connector.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A one-line message of its own kind.</summary>
    private sealed class PingRenderer : IOutboxRenderer
    {
        public const string PingKind = "bench.ping";

        public string Kind => PingKind;

        public Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            Task.FromResult<LogicalReply?>(new LogicalReply("Напоминание " + message.Key));
    }

    /// <summary>Real time, but starting at the next noon in Moscow (the demo business), whenever the benchmark runs.</summary>
    private sealed class NoonClock : TimeProvider
    {
        private readonly DateTimeOffset _start;
        private readonly long _started = System.GetTimestamp();

        public NoonClock()
        {
            var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
            var local = TimeZoneInfo.ConvertTime(System.GetUtcNow(), moscow);
            _start = new DateTimeOffset(local.Date.AddDays(1).AddHours(12), moscow.GetUtcOffset(local.Date.AddDays(1).AddHours(12))).ToUniversalTime();
        }

        public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_started);
    }
}
