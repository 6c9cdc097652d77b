using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Staffono.Bot;

namespace Staffono.Bench.Load;

/// <summary>
/// What a long Direct Line conversation costs the bot in memory, loopback only. The bot runs as its own
/// process (so only its memory is measured, not the clients'): a ~10 MB history is written (40 posts of
/// 255 KB), the bot is restarted on the same data folder, then 20 WebSockets replay the whole history and
/// stay open while 15 polls read from the start. Prints the bot's resident memory before and its peak
/// (the kernel's high-water mark); fails when the peak adds 100 MB or more.
/// <c>dotnet run -c Release --project Staffono.Bench -- directline-memory [--bot path/to/Staffono.Bot.dll]</c>
/// (another build of the bot, to compare).
/// </summary>
internal static class DirectLineMemoryCommand
{
    private const int Posts = 40;
    private const int Sockets = 20;
    private const int Polls = 15;
    private const long LimitBytes = 100L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var botDll = args is ["--bot", var path] ? Path.GetFullPath(path) : typeof(StaffonoHost).Assembly.Location;
        var folder = Path.Combine(Path.GetTempPath(), "staffono-dl-memory", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            string conversationId, token;
            using (var writer = await StartBotAsync(botDll, folder, port, http))
            {
                (conversationId, token) = await StartConversationAsync(http);
                var text = new string('x', 255 * 1024 - 400);
                Console.WriteLine($"Writing a history of {Posts} posts of 255 KB...");
                for (var i = 0; i < Posts; i++)
                {
                    using var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities")
                    {
                        Content = new StringContent(JsonSerializer.Serialize(new { type = "message", text }), Encoding.UTF8, "application/json"),
                    };
                    post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    (await http.SendAsync(post)).EnsureSuccessStatusCode();
                }

                writer.Kill(entireProcessTree: true);
                await writer.WaitForExitAsync();
            }

            using var bot = await StartBotAsync(botDll, folder, port, http);
            var last = await LastWatermarkAsync(http, conversationId, token);
            var before = Status(bot, "VmRSS");

            var watch = Stopwatch.StartNew();
            var sockets = new List<ClientWebSocket>();
            var replays = new List<Task>();
            for (var i = 0; i < Sockets; i++)
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri($"ws://{baseUri.Authority}/v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}"), CancellationToken.None);
                sockets.Add(socket);
                replays.Add(ReplayAsync(socket, last));
            }

            var polls = Enumerable.Range(0, Polls).Select(_ => PollFromStartAsync(http, conversationId, token)).ToList();
            await Task.WhenAll(replays.Concat(polls));
            watch.Stop();
            var idle = Status(bot, "VmRSS");
            var peak = Status(bot, "VmHWM");
            foreach (var socket in sockets)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                socket.Dispose();
            }

            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history {last} activities; {Sockets} sockets replayed it and {Polls} polls read it in {watch.Elapsed.TotalSeconds:F1} s; the bot's resident memory: {Mb(before)} MB before, peak {Mb(peak)} MB (+{Mb(peak - before)} MB), {Mb(idle)} MB with the sockets idle"));
            return peak - before < LimitBytes ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Process> StartBotAsync(string botDll, string folder, int port, HttpClient http)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                botDll, $"--urls=http://127.0.0.1:{port}", $"--Storage:DataFolder={folder}",
                "--Logging:LogLevel:Default=Warning", "--Outbox:Dispatch=false",
                "--DirectLine:PostsBurst=1000", "--DirectLine:PostsPerSecond=1000", "--DirectLine:MaxHistoryBytes=33554432",
            },
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The bot did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The bot did not become healthy within 30 s.");
    }

    private static async Task<(string ConversationId, string Token)> StartConversationAsync(HttpClient http)
    {
        var generated = await (await http.PostAsJsonAsync("v3/directline/tokens/generate", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var token = generated.GetProperty("token").GetString()!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.SendAsync(start)).EnsureSuccessStatusCode();
        return (generated.GetProperty("conversationId").GetString()!, token);
    }

    private static async Task<long> LastWatermarkAsync(HttpClient http, string conversationId, string token)
    {
        string? watermark = null;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities?watermark={watermark}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var page = JsonDocument.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync());
            var next = page.RootElement.GetProperty("watermark").GetString();
            if (page.RootElement.GetProperty("activities").GetArrayLength() == 0)
            {
                return long.Parse(next!, CultureInfo.InvariantCulture);
            }

            watermark = next;
        }
    }

    /// <summary>Reads frames into one small buffer until the frame that ends with the last watermark.</summary>
    private static async Task ReplayAsync(ClientWebSocket socket, long last)
    {
        var buffer = new byte[64 * 1024];
        var expected = Encoding.UTF8.GetBytes($"\"watermark\":\"{last.ToString(CultureInfo.InvariantCulture)}\"}}");
        var tail = new List<byte>(256);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            tail.AddRange(buffer.AsSpan(Math.Max(0, result.Count - 128), Math.Min(128, result.Count)).ToArray());
            if (tail.Count > 128)
            {
                tail.RemoveRange(0, tail.Count - 128);
            }

            if (result.EndOfMessage && tail.Count >= expected.Length && tail.Skip(tail.Count - expected.Length).SequenceEqual(expected))
            {
                return;
            }
        }
    }

    private static async Task PollFromStartAsync(HttpClient http, string conversationId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities?watermark=0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }

    /// <summary>A field of /proc/{pid}/status in bytes: VmRSS (resident now), VmHWM (resident at its peak).</summary>
    private static long Status(Process process, string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
}
