using System.Text.Json;
using Microsoft.Extensions.Options;
using Staffono.Bot.Hosting;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;

namespace Staffono.Bot.Outbox;

/// <summary>
/// Sends every due proactive message — reminders now, follow-ups, nudges and campaigns as they come —
/// into its conversation: through the local Direct Line feed for web chat conversations of this host,
/// through the Bot Connector for every other channel. Each message is claimed with a lease, checked by
/// the <see cref="OutboxPolicy"/>, rendered by its workflow's <see cref="IOutboxRenderer"/>, sent within
/// the channel's rate limits with its stable activity id, and marked with what happened.
/// </summary>
/// <remarks>
/// Guarantee: a message is sent at least once while it is useful, and twice only if this process dies
/// after the channel accepted it and before it was marked sent; it is then sent again, with the same
/// activity id, when the lease (Outbox:Lease) runs out. Two dispatchers never send the same message in
/// the same lease.
/// </remarks>
public sealed class OutboxDispatcher(
    IOutboxStore store,
    OutboxPolicy policy,
    OutboxRateLimits limits,
    IEnumerable<IOutboxRenderer> renderers,
    ConversationSender conversations,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 200;

    /// <summary>How many sends run at once: enough to keep a slow channel from holding up the rest.</summary>
    private const int Parallelism = 16;

    private readonly Dictionary<string, IOutboxRenderer> _renderers = renderers.ToDictionary(r => r.Kind, StringComparer.Ordinal);

    /// <summary>Sends what is due now; returns how many were sent. The background loop calls it; tests call it directly.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        IReadOnlyList<ClaimedMessage> batch;
        do
        {
            batch = await store.ClaimDueAsync(time.GetUtcNow(), options.Value.Lease, BatchSize, cancellationToken);
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (claimed, ct) =>
            {
                try
                {
                    if (await DeliverAsync(claimed, ct))
                    {
                        Interlocked.Increment(ref sent);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Left claimed: when the lease runs out it is tried again, as long as it is still useful.
                    logger.LogWarning(ex, "Outbox message {Key} could not be sent; it will be retried", claimed.Message.Key);
                }
            });
        }
        while (batch.Count == BatchSize);

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            logger.LogInformation("Outbox:Dispatch is off: this instance sends no proactive messages");
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
                logger.LogError(ex, "The outbox dispatcher failed a round");
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<bool> DeliverAsync(ClaimedMessage claimed, CancellationToken cancellationToken)
    {
        var message = claimed.Message;
        var reference = JsonSerializer.Deserialize(message.ConversationReference, ProtocolJson.Context.ConversationReference)
            ?? throw new InvalidOperationException($"Outbox message {message.Key} has no conversation reference.");
        if (!_renderers.TryGetValue(message.Kind, out var renderer))
        {
            await store.MarkSkippedAsync(claimed, $"no workflow renders '{message.Kind}'", cancellationToken);
            logger.LogWarning("Outbox message {Key} is of kind {Kind}, which no registered workflow renders; skipped", message.Key, message.Kind);
            return false;
        }

        var decision = await policy.DecideAsync(message, reference.ChannelId, renderer.FacebookTag, time.GetUtcNow(), cancellationToken);
        switch (decision.Verdict)
        {
            case OutboxVerdict.Skip:
                await store.MarkSkippedAsync(claimed, decision.Reason!, cancellationToken);
                return false;
            case OutboxVerdict.Postpone:
                await store.PostponeAsync(claimed, decision.Until!.Value, decision.Reason!, cancellationToken);
                return false;
        }

        var reply = await renderer.RenderAsync(message, cancellationToken);
        if (reply is null)
        {
            await store.MarkSkippedAsync(claimed, "no longer useful", cancellationToken);
            return false;
        }

        var activities = ReplyRenderer.Render(reply, reference.ChannelId);
        for (var i = 0; i < activities.Count; i++)
        {
            // The same id on every send of this message, so a channel (or a person) can tell a re-send after a crash.
            activities[i].Id = i == 0 ? claimed.ActivityId : $"{claimed.ActivityId}/{i}";
            if (decision.FacebookTag is { } tag)
            {
                activities[i].ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["messaging_type"] = "MESSAGE_TAG", ["tag"] = tag });
            }
        }

        await limits.WaitAsync(reference.ChannelId ?? string.Empty, reference.Conversation?.Id ?? string.Empty, cancellationToken);
        var adapter = await conversations.AdapterForAsync(reference, cancellationToken);
        await adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivitiesAsync(activities, ct), cancellationToken);
        await store.MarkSentAsync(claimed, time.GetUtcNow(), decision.Reason, cancellationToken);
        return true;
    }
}
