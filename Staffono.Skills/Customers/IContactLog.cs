namespace Staffono.Skills.Customers;

/// <summary>
/// What the channel rules for writing first need to know about each customer: when they last wrote
/// (Facebook allows free-form messages only within 24 hours of it; Telegram only to users who started
/// the bot) and whether they asked for no more non-transactional messages («стоп», "stop").
/// The two facts are independent: writing again does not undo an opt-out, and opting out or in does not
/// change when they last wrote. Several instances over the same data see each other's writes.
/// </summary>
public interface IContactLog
{
    /// <summary>
    /// The customer wrote just now. <see cref="Contact.LastWrote"/> never moves back (an older moment arriving
    /// late changes nothing) and may be kept coarsely, but never more than a minute behind the latest message.
    /// </summary>
    Task WroteAsync(string customerKey, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Opts the customer out of (or, with false, back into) messages they did not ask for.</summary>
    Task SetOptedOutAsync(string customerKey, bool optedOut, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>What is known of the customer; null when they neither wrote nor opted out.</summary>
    Task<Contact?> FindAsync(string customerKey, CancellationToken cancellationToken = default);
}
