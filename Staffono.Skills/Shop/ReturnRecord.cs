namespace Staffono.Skills.Shop;

/// <summary>A return the bot accepted: its RMA number, what comes back and why, what the customer gets, and when the money arrived.</summary>
public sealed record ReturnRecord
{
    /// <summary>"RMA-10001".</summary>
    public required string Rma { get; init; }

    public required string OrderNumber { get; init; }

    public required string Sku { get; init; }

    public required ReturnReason Reason { get; init; }

    public required ItemCondition Condition { get; init; }

    public required Resolution Resolution { get; init; }

    /// <summary>Money back (refund, partial refund) or credit; 0 for an exchange.</summary>
    public required decimal Amount { get; init; }

    /// <summary>The restocking fee kept, already taken from <see cref="Amount"/>.</summary>
    public decimal Fee { get; init; }

    /// <summary>The contacts on the order, normalised (<see cref="ContactMatch.Normalize"/>): how repeat returners are counted.</summary>
    public required IReadOnlyList<string> ContactKeys { get; init; }

    /// <summary>The conversation it was made in.</summary>
    public required string ConversationKey { get; init; }

    /// <summary>Photos stored with the return (file names in the returns folder).</summary>
    public IReadOnlyList<string> Photos { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RefundedAt { get; init; }
}
