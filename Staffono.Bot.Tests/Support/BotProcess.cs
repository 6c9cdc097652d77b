using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Staffono.Bot.Tests.Support;

/// <summary>
/// The bot as a separate operating-system process (the built Staffono.Bot.dll run by dotnet) on a free
/// loopback port: for tests about several instances sharing one database. Killed when disposed.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri };
    }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public static async Task<BotProcess> StartAsync(string dataFolder, params string[] settings)
    {
        var port = FreePort();
        var dll = typeof(StaffonoHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The host says "Application started" once it listens: a signal to wait on, instead of polling.
        string[] arguments = [dll, $"--urls=http://127.0.0.1:{port}", $"--Storage:DataFolder={dataFolder}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. settings];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            output.Enqueue(line ?? string.Empty);
            if (line?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("The bot process exited:\n" + string.Join('\n', output)));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the bot with <paramref name="settings"/> until it exits (a start-up that fails); its output lines, without empty ones.</summary>
    public static async Task<(int ExitCode, List<string> Output, List<string> Errors)> RunToExitAsync(params string[] settings)
    {
        var dll = typeof(StaffonoHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return (process.ExitCode, Lines(await output), Lines(await errors));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
