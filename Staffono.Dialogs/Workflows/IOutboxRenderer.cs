using Staffono.Runtime.Channels;
using Staffono.Skills.Outbox;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// Makes a workflow's proactive messages of one kind when they are due. The workflow enqueued them
/// (<see cref="IOutbox"/>); the one dispatcher decides whether they may go now and sends what this returns.
/// </summary>
public interface IOutboxRenderer
{
    /// <summary>The kind it renders ("booking.reminder").</summary>
    string Kind { get; }

    /// <summary>
    /// The Facebook message tag this kind may be sent with outside the 24-hour window, or null when it
    /// may not (the dispatcher then records it as skipped). Meta's tag rules change: the host may refuse it.
    /// </summary>
    string? FacebookTag => null;

    /// <summary>The message, in the message's language; null when it is no longer worth sending (the booking was cancelled).</summary>
    Task<LogicalReply?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken);
}
