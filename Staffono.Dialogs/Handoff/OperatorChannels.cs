using Microsoft.Extensions.Logging;
using Staffono.Skills.Handoff;

namespace Staffono.Dialogs.Handoff;

/// <summary>Telling every operator channel of something, where one failing channel must not fail the rest or the turn.</summary>
public static class OperatorChannels
{
    /// <summary>Runs <paramref name="tell"/> for each channel; a channel that throws is logged and skipped (the console has the ticket anyway).</summary>
    public static async Task TellAllAsync(this IEnumerable<IOperatorChannel> channels, Func<IOperatorChannel, CancellationToken, Task> tell, string ticketId, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(tell);
        foreach (var channel in channels)
        {
            try
            {
                await tell(channel, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger?.LogWarning(ex, "An operator channel missed ticket {Ticket}; the console has it", ticketId);
            }
        }
    }
}
