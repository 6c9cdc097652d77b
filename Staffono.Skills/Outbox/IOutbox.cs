namespace Staffono.Skills.Outbox;

/// <summary>Where workflows put the messages the bot will send on its own; one dispatcher sends them all.</summary>
public interface IOutbox
{
    /// <summary>Adds the message, or replaces the one with the same key that has not been sent yet.</summary>
    Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Drops every message not yet sent whose key starts with <paramref name="keyPrefix"/>.</summary>
    Task CancelAsync(string keyPrefix, CancellationToken cancellationToken = default);
}
