using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot;
using Staffono.Dialogs.Engine;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.State;

namespace Staffono.Bench.Load;

/// <summary>
/// HTTP load on the real host, loopback only and bounded in time: POST /api/messages with
/// expectReplies from 1, 8 and 64 concurrent conversations, each walking the 3-step waterfall with
/// SQLite state. Prints turns/s, p50/p99 latency and peak RSS per level.
/// <c>dotnet run -c Release --project Staffono.Bench -- load [--seconds 10] [--conversations 1,8,64]</c>
/// </summary>
internal static class LoadCommand
{
    private static readonly string[] Script = ["хочу записаться", "Анна", "2", "да"];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 10;
        int[] levels = [1, 8, 64];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--conversations":
                    levels = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: load [--seconds N] [--conversations 1,8,64]");
                    return 2;
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), "staffono-load", Guid.NewGuid().ToString("N"));
        var app = StaffonoHost.Create(
            ["--urls=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Logging:LogLevel:Default=Warning"],
            services => services.AddSingleton<IBot>(sp => new WaterfallBot(sp.GetRequiredService<ConversationState>().CreateProperty<DialogState>("dialogState"))));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false }) { BaseAddress = new Uri(address) };
            Console.WriteLine($"Staffono load test: {seconds} s per level, host {address}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
            Console.WriteLine("conversations  turns     turns/s   p50 ms   p99 ms   max ms   errors   peak RSS MB");
            await RunLevelAsync(http, 4, TimeSpan.FromSeconds(2), "warmup", print: false);
            foreach (var level in levels)
            {
                await RunLevelAsync(http, level, TimeSpan.FromSeconds(seconds), $"L{level}", print: true);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static async Task RunLevelAsync(HttpClient http, int conversations, TimeSpan duration, string tag, bool print)
    {
        var latencies = new List<double>[conversations];
        var errors = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, conversations).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            var conversationId = $"{tag}-{c}-{Guid.NewGuid():N}";
            var step = 0;
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("api/messages", Activity(conversationId, Script[step]));
                var body = await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
                {
                    Interlocked.Increment(ref errors);
                }

                step = (step + 1) % Script.Length;
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed.TotalSeconds;
        if (!print)
        {
            return;
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{conversations,13}  {all.Length,8}  {all.Length / elapsed,9:F0}  {Percentile(0.50),7:F2}  {Percentile(0.99),7:F2}  {all[^1],7:F2}  {errors,7}  {peakMb,12:F0}"));
    }

    private static ByteArrayContent Activity(string conversationId, string text)
    {
        var json = $$$"""{"type":"message","id":"{{{Guid.NewGuid():N}}}","text":"{{{text}}}","locale":"ru-RU","channelId":"emulator","deliveryMode":"expectReplies","serviceUrl":"http://127.0.0.1:1/","from":{"id":"user-{{{conversationId}}}","role":"user"},"recipient":{"id":"staffono","role":"bot"},"conversation":{"id":"{{{conversationId}}}"}}""";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class WaterfallBot(IStatePropertyAccessor<DialogState> state) : IBot
    {
        private readonly ThreeStepDialog _dialog = new();

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            DialogRunner.RunAsync(_dialog, turnContext, state, cancellationToken);
    }
}
