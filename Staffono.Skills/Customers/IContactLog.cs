namespace Staffono.Skills.Customers;

/// <summary>
/// What the channel rules for writing first need to know about each customer: when they last wrote
/// (Facebook allows free-form messages only within 24 hours of it; Telegram only to users who started
/// the bot) and whether they asked for no more non-transactional messages («стоп», "stop").
/// </summary>
public interface IContactLog
{
    /// <summary>The customer wrote just now.</summary>
    Task WroteAsync(string customerKey, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Opts the customer out of (or, with false, back into) messages they did not ask for.</summary>
    Task SetOptedOutAsync(string customerKey, bool optedOut, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>What is known of the customer; null when they never wrote.</summary>
    Task<Contact?> FindAsync(string customerKey, CancellationToken cancellationToken = default);
}
