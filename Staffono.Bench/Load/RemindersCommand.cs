using Staffono.Skills.Customers;
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
using Staffono.Bot.Reminders;
using Staffono.Skills.Calendar;

namespace Staffono.Bench.Load;

/// <summary>
/// The reminder dispatcher under load, loopback only: 10,000 due reminders (one per booking and
/// conversation) sent to a loopback Bot Connector; prints the rate and checks none was lost or
/// doubled. <c>dotnet run -c Release --project Staffono.Bench -- reminders [--count 10000]</c>
/// </summary>
internal static class RemindersCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args is ["--count", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000;
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

        var folder = Path.Combine(Path.GetTempPath(), "staffono-reminders", Guid.NewGuid().ToString("N"));
        var host = StaffonoHost.Create(["--urls=http://127.0.0.1:0", $"--Storage:DataFolder={folder}", "--Logging:LogLevel:Default=Warning", "--Reminders:Dispatch=false"]);
        await host.StartAsync();
        try
        {
            var calendar = host.Services.GetRequiredService<SqliteCalendarStore>();
            var store = host.Services.GetRequiredService<ScheduledMessageStore>();
            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"Preparing {count} bookings and due reminders...");
            for (var i = 0; i < count; i++)
            {
                // Each booking on its own staff id so none overlaps; a day ahead, so every reminder is still useful.
                var start = DateTime.Now.Date.AddDays(1).AddHours(12);
                var booking = (await calendar.BookAsync(new Slot("haircut", $"staff-{i}", "tverskaya", start, start.AddHours(1)), new Customer($"telegram/{i}", null, null)))!;
                var reference = $$"""{"user":{"id":"u{{i}}"},"bot":{"id":"bot"},"conversation":{"id":"conv-{{i}}"},"channelId":"telegram","serviceUrl":"{{connectorUrl}}"}""";
                await store.AddAsync(new ScheduledMessage($"{booking.Id}:24h", booking.Id, "reminder-24h", now.AddMinutes(-1), now.AddDays(2), reference, "ru"), CancellationToken.None);
            }

            var dispatcher = host.Services.GetRequiredService<ReminderDispatcher>();
            var watch = Stopwatch.StartNew();
            var sent = await dispatcher.RunOnceAsync();
            watch.Stop();
            var again = await dispatcher.RunOnceAsync();
            var doubled = received.Count(p => p.Value > 1);
            var lost = count - received.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sent {sent} in {watch.Elapsed.TotalSeconds:F2} s = {sent / watch.Elapsed.TotalSeconds:F0} per second; second round sent {again}; received by the connector {received.Values.Sum()}, lost {lost}, doubled {doubled}"));
            return lost == 0 && doubled == 0 && again == 0 ? 0 : 1;
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
}
