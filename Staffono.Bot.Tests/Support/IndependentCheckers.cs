using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Staffono.Bot.Tests.Support;

/// <summary>
/// Parsers written by other people (npm packages in tools/checkers, run with Node), so a test can check
/// Staffono's output against someone else's reading of the standard rather than against our own.
/// The packages are installed from the lock file the first time a test needs them (./test.sh does it up front).
/// </summary>
public static class IndependentCheckers
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static readonly string Folder = Path.Combine(Repository.Root, "tools", "checkers");

    /// <summary>ical.js's reading of an iCalendar text (tools/checkers/parse-ics.mjs's JSON).</summary>
    public static async Task<JsonElement> ParseIcsAsync(string ics) =>
        JsonDocument.Parse(await RunAsync("parse-ics.mjs", ics, "ical.js")).RootElement;

    /// <summary>
    /// The page (tools/checkers/check-card.html) on which the adaptivecards library parses, validates and renders a
    /// card in the browser: <c>checkCard(json, "teams")</c> gives <c>{ok, warnings, errors, rendered, textContent, actions}</c>.
    /// </summary>
    public static async Task<Uri> AdaptiveCardPageAsync()
    {
        await EnsureInstalledAsync("adaptivecards");
        return new Uri(Path.Combine(Folder, "check-card.html"));
    }

    private static async Task<string> RunAsync(string script, string input, string package)
    {
        await EnsureInstalledAsync(package);
        var (exitCode, output, errors) = await ExecuteAsync("node", [script], input);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{script} rejected its input: {errors}");
    }

    private static async Task EnsureInstalledAsync(string package)
    {
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(Folder, "node_modules", package)))
            {
                var (exitCode, _, errors) = await ExecuteAsync("npm", ["ci", "--no-audit", "--no-fund"], string.Empty);
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {Folder} failed: {errors}");
                }
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ExecuteAsync(string program, string[] arguments, string input)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
