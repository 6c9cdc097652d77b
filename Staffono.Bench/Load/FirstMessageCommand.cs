using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Staffono.Bot;

namespace Staffono.Bench.Load;

/// <summary>
/// How long the first customer waits after the process starts. Starts the real bot process several
/// times on a fresh data folder; each time, once /healthz says it is ready, sends a first booking
/// message to /api/messages (expectReplies, the reply in the answer) and times it, then a second one.
/// "--cold" sends the first message as soon as the port answers instead, to show what the warm-up saves.
/// </summary>
internal static class FirstMessageCommand
{
    private const string FirstMessage = "Можно завтра в 11 на стрижку?";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 5;
        var cold = args.Contains("--cold");
        var botDll = typeof(StaffonoHost).Assembly.Location;
        var ready = new List<double>();
        var first = new List<double>();
        var second = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "staffono-first-message", Guid.NewGuid().ToString("N"));
            var port = FreePort();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(1) };
            var started = Stopwatch.StartNew();
            using var bot = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { botDll, $"--urls=http://127.0.0.1:{port}", $"--Storage:DataFolder={folder}", "--Logging:LogLevel:Default=Warning", "--Outbox:Dispatch=false" },
                WorkingDirectory = Path.GetDirectoryName(botDll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("The bot did not start.");
            bot.OutputDataReceived += (_, _) => { };
            bot.ErrorDataReceived += (_, _) => { };
            bot.BeginOutputReadLine();
            bot.BeginErrorReadLine();
            try
            {
                await WaitAsync(http, healthy: !cold);
                ready.Add(started.Elapsed.TotalMilliseconds);
                first.Add(await TimeTurnAsync(http, "1", FirstMessage));
                second.Add(await TimeTurnAsync(http, "2", "в 11:00"));
            }
            finally
            {
                bot.Kill(entireProcessTree: true);
                await bot.WaitForExitAsync();
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs} cold starts ({(cold ? "first message as soon as the port answers" : "first message once /healthz is ok")}): " +
            $"ready after {Median(ready):F0} ms; first answered message {Median(first):F0} ms (max {first.Max():F0}); second {Median(second):F0} ms (max {second.Max():F0})"));
        return cold || first.Max() <= 300 ? 0 : 1;
    }

    private static async Task WaitAsync(HttpClient http, bool healthy)
    {
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            try
            {
                var response = await http.GetAsync("healthz");
                if (!healthy || response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException("The bot did not become ready within 30 s.");
    }

    private static async Task<double> TimeTurnAsync(HttpClient http, string id, string text)
    {
        var body = $$$"""
            {"type":"message","id":"{{{id}}}","channelId":"emulator","deliveryMode":"expectReplies","locale":"ru-RU","text":"{{{text}}}",
             "from":{"id":"first-customer","name":"Анна","role":"user"},"recipient":{"id":"staffono","role":"bot"},"conversation":{"id":"first-conversation"}}
            """;
        var watch = Stopwatch.StartNew();
        var response = await http.PostAsync("api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK || !answer.Contains("\"text\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The turn answered {(int)response.StatusCode}: {answer}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
