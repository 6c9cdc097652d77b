namespace Staffono.Skills.Shop;

/// <summary>Returns (RMAs) the bot created, for the shop and for the policy's repeat-returner rule.</summary>
public interface IReturnStore
{
    /// <summary>Stores the return under the next RMA number and returns it with the number.</summary>
    Task<ReturnRecord> CreateAsync(ReturnRecord draft, CancellationToken cancellationToken = default);

    Task<ReturnRecord?> FindAsync(string rma, CancellationToken cancellationToken = default);

    /// <summary>How many returns any of these contacts made since <paramref name="since"/>.</summary>
    Task<int> CountSinceAsync(IReadOnlyCollection<string> contactKeys, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Marks the money as arrived (the shop's refund-completed event); null when there is no such RMA; the first time counts.</summary>
    Task<ReturnRecord?> MarkRefundedAsync(string rma, DateTimeOffset at, CancellationToken cancellationToken = default);
}
