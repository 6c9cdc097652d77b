using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Staffono.Bot.Hosting;
using Staffono.Skills.Leads;

namespace Staffono.Bot.Leads;

/// <summary>The key lead events are signed with, and where it came from (a setting, or a file in the data folder).</summary>
public sealed record CrmWebhookSecret(string Value, string? File);

/// <summary>
/// Posts every lead change to the owner's webhook (<c>Crm:WebhookUrl</c>): the event's JSON, fixed when the change was
/// stored, signed with HMAC-SHA256 in <c>X-Staffono-Signature: sha256=&lt;hex&gt;</c>, its id in <c>X-Staffono-Delivery</c>
/// and type in <c>X-Staffono-Event</c>. A 2xx settles it; anything else is retried with a doubling wait, the same bytes each
/// time. An event is claimed with a lease before it is posted, so two instances never post it at once, and it is marked
/// delivered right after the receiver accepts it — a receiver sees it twice only if this process dies in between, and
/// can tell by the delivery id.
/// </summary>
public sealed class CrmWebhookSender(ILeadStore leads, HttpClient http, CrmWebhookSecret secret, IOptions<CrmOptions> options, TimeProvider time, ILogger<CrmWebhookSender> logger) : BackgroundService
{
    public const string SignatureHeader = "X-Staffono-Signature";
    public const string DeliveryHeader = "X-Staffono-Delivery";
    public const string EventHeader = "X-Staffono-Event";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Posts what is due; returns how many the receiver accepted. The background loop calls it; tests call it directly.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookUrl))
        {
            return 0;
        }

        var url = new Uri(options.Value.WebhookUrl);
        var delivered = 0;
        foreach (var crmEvent in await leads.ClaimEventsAsync(time.GetUtcNow(), Lease, 50, cancellationToken))
        {
            string? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(crmEvent.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
                request.Headers.Add(SignatureHeader, Sign(secret.Value, crmEvent.Body));
                request.Headers.Add(DeliveryHeader, crmEvent.Id);
                request.Headers.Add(EventHeader, crmEvent.Type);
                using var response = await http.SendAsync(request, cancellationToken);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = "timed out: " + ex.Message;
            }

            if (error is null)
            {
                await leads.MarkDeliveredAsync(crmEvent.Id, time.GetUtcNow(), cancellationToken);
                delivered++;
            }
            else
            {
                var wait = Backoff(crmEvent.Attempts);
                logger.LogWarning("CRM webhook: {Type} {Event} of lead {Lead} not accepted ({Error}); attempt {Attempt}, next in {Wait}", crmEvent.Type, crmEvent.Id, crmEvent.LeadId, error, crmEvent.Attempts, wait);
                await leads.MarkFailedAsync(crmEvent.Id, time.GetUtcNow() + wait, error, cancellationToken);
            }
        }

        return delivered;
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt: the first backoff, doubled each time, capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var wait = options.Value.FirstBackoff * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return wait < options.Value.MaxBackoff ? wait : options.Value.MaxBackoff;
    }

    /// <summary>"sha256=" and the lower-case hex HMAC-SHA256 of the body.</summary>
    public static string Sign(string key, string body) => WebhookSignature.Sign(key, Encoding.UTF8.GetBytes(body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch || string.IsNullOrWhiteSpace(options.Value.WebhookUrl))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The CRM webhook sender failed a round");
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
