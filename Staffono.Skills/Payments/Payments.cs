namespace Staffono.Skills.Payments;

/// <summary>What a customer is asked to pay: our id for it, the amount, and the line the checkout shows.</summary>
public sealed record PaymentRequest(string Id, decimal Amount, string Currency, string Description, string Language);

/// <summary>A checkout the provider opened: its id there, and the page the customer pays on.</summary>
public sealed record CheckoutSession(string ProviderId, Uri Url);

/// <summary>
/// Takes payments. The host picks one: its own test checkout page for the demo and tests, or Stripe Checkout when keys
/// are configured. Either way the payment is confirmed to us by the provider (a signed webhook, or the test page's own
/// post), never by the customer's word in the chat.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>"test" or "stripe": recorded with each deposit.</summary>
    string Name { get; }

    /// <summary>Opens a checkout for the request; the customer gets its URL.</summary>
    Task<CheckoutSession> StartAsync(PaymentRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Where a deposit is.</summary>
public enum DepositState
{
    Pending,
    Paid,
}

/// <summary>
/// A deposit that holds a job's time: what it is for (the job, as JSON the quote workflow wrote), who pays it and where to
/// tell them, and what happened to it.
/// </summary>
/// <param name="Id">"D-…", our id, sent to the provider as the payment's reference.</param>
/// <param name="Job">The job the deposit holds, as the workflow's JSON: the slot, address, notes, access, price.</param>
public sealed record Deposit(
    string Id,
    string LeadId,
    decimal Amount,
    string Currency,
    string Gateway,
    string? ProviderId,
    string ConversationKey,
    string ConversationReference,
    string CustomerKey,
    string Language,
    string Job,
    DepositState State,
    DateTimeOffset Created,
    DateTimeOffset? Paid,
    string? BookingId);

/// <summary>
/// Deposits, and the payment events that settled them. Marking a deposit paid records the provider's event id in the same
/// write, so a replayed webhook, or the test page posted twice, pays it once.
/// </summary>
public interface IDepositStore
{
    Task CreateAsync(Deposit deposit, CancellationToken cancellationToken = default);

    Task<Deposit?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Records the provider's checkout id once the checkout is open.</summary>
    Task SetProviderIdAsync(string id, string providerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the deposit paid because of <paramref name="eventId"/>. True only the first time the deposit is paid; false
    /// for a seen event, a deposit already paid, or no such deposit.
    /// </summary>
    Task<bool> MarkPaidAsync(string id, string eventId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records the booking the paid deposit's job became.</summary>
    Task SetBookingAsync(string id, string bookingId, CancellationToken cancellationToken = default);

    /// <summary>Every deposit created since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<Deposit>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
