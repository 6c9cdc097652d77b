namespace Staffono.Skills.Shop;

/// <summary>
/// The shop's orders as the bot knows them: kept current by the shop's signed events, read when a customer
/// asks. Also remembers which events were applied (a replay changes nothing) and how often each order was
/// asked about (repeat contacts are a KPI).
/// </summary>
public interface IOrderStore
{
    Task<Order?> FindAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>Adds the order or replaces it whole.</summary>
    Task SaveAsync(Order order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="apply"/> unless an event with this id was applied before; the id is recorded in the
    /// same write, so two deliveries of one event at once still apply it once.
    /// </summary>
    /// <returns>False for a replay: nothing was done.</returns>
    Task<bool> ApplyOnceAsync(string eventId, DateTimeOffset at, Func<IOrderWriter, Task> apply, CancellationToken cancellationToken = default);

    /// <summary>Records that a conversation asked about the order; returns how many conversations have.</summary>
    Task<int> RecordContactAsync(string number, string conversationKey, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>What an event may change, inside the write that records the event.</summary>
public interface IOrderWriter
{
    Task<Order?> FindAsync(string number);

    Task SaveAsync(Order order);
}
