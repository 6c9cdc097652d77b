using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;

namespace Staffono.Bot.Hosting;

/// <summary>
/// Makes the first customer's answer as fast as the thousandth: trains the classifier, then runs what a
/// first turn runs — message parsing, the bot's greeting and help turns in both languages, intent
/// prediction, date recognition, a free-slot search — and only then reports the host ready. The warm
/// turns go through an adapter of their own with no state saving and replies kept in memory, and touch
/// no model: nothing a customer could see, nothing written.
/// </summary>
public sealed class Warmup(IServiceProvider services, Readiness readiness, IHostApplicationLifetime lifetime, ILogger<Warmup> logger) : IHostedService
{
    private static readonly string[] Turns = ["привет", "hello", "помощь", "help"];
    private static readonly string[] Predictions = ["Можно завтра в 11 на стрижку?", "can I book a haircut tomorrow at 11?", "где мой заказ", "how much is it"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => RunAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            services.GetRequiredService<IntentUnderstanding>();   // trains the offline classifier
            var offline = services.GetRequiredService<OfflineIntentClassifier>();
            foreach (var text in Predictions)
            {
                offline.Predict(text);
            }

            var dates = services.GetRequiredService<IDateTimeRecognizer>();
            var calendar = services.GetRequiredService<CalendarPlugin>();
            dates.Recognize("завтра в 11", calendar.LocalNow);
            dates.Recognize("tomorrow at 11", calendar.LocalNow);
            var profile = services.GetRequiredService<BusinessProfile>();
            if (profile.Services.Count > 0)
            {
                await calendar.FindSlotsAsync(profile.Services[0].Id, null, new DateTimeResolution(calendar.LocalNow.Date.AddDays(1).AddHours(11), DateTimeGranularity.Hour), cancellationToken: cancellationToken);
            }

            await RunTurnsAsync(cancellationToken);
            logger.LogInformation("Ready to answer in {Elapsed} ms", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture));
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The host stopped before it was warm; nothing to report.
        }
        catch (Exception ex)
        {
            // A warm-up that fails must not keep the host out of service: it answers, only the first turn is slower.
            logger.LogWarning(ex, "The warm-up failed; the host answers, but its first turns may be slow");
        }
        finally
        {
            readiness.MarkReady();
        }
    }

    /// <summary>Greeting and help turns, each language, through an adapter that saves nothing and sends nothing.</summary>
    private async Task RunTurnsAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var adapter = new ChannelAdapter(new BotRequestAuthenticator(new BotCredentialsOptions()), new ConnectorClientFactory(http, AnonymousTokenProvider.Instance), NullLogger<ChannelAdapter>.Instance);
        var bot = services.GetRequiredService<IBot>();
        var sequence = 0;
        foreach (var text in Turns)
        {
            var body = $$"""
                {"type":"message","id":"w{{++sequence}}","channelId":"staffono-warmup","deliveryMode":"expectReplies","text":"{{text}}",
                 "from":{"id":"warmup-user","role":"user"},"recipient":{"id":"staffono","role":"bot"},"conversation":{"id":"warmup-{{sequence}}"},
                 "locale":"{{(text is "привет" or "помощь" ? "ru-RU" : "en-US")}}"}
                """;
            var result = await adapter.ProcessAsync(null, Encoding.UTF8.GetBytes(body), bot, cancellationToken);
            if (result.Status != 200)
            {
                throw new InvalidOperationException($"A warm-up turn answered {result.Status}: {result.Reason}");
            }
        }
    }
}
