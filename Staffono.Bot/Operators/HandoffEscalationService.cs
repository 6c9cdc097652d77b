using Microsoft.Extensions.Options;
using Staffono.Bot.Outbox;
using Staffono.Dialogs.Handoff;

namespace Staffono.Bot.Operators;

/// <summary>Runs the handoff escalation every Handoff:EscalationInterval, on instances that dispatch (Outbox:Dispatch).</summary>
public sealed class HandoffEscalationService(HandoffEscalation escalation, HandoffOptions handoff, IOptions<OutboxOptions> options, TimeProvider time, ILogger<HandoffEscalationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await escalation.RunOnceAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Handoff escalation failed a round; it runs again on the next");
            }

            await Task.Delay(handoff.EscalationInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
