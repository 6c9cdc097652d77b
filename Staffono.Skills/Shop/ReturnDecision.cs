namespace Staffono.Skills.Shop;

/// <summary>One return the customer asks for, with what the policy needs to know.</summary>
/// <param name="RecentReturns">Returns the order's contacts made within the policy's repeat window.</param>
/// <param name="IdentityShaky">The identity check needed more than one try, or the contact was proven only loosely.</param>
public sealed record ReturnCase(Order Order, OrderItem Item, Product? Product, ReturnReason Reason, ItemCondition Condition, int RecentReturns, bool IdentityShaky, DateTimeOffset Now);

/// <summary>What the policy says about a return: yes with the resolutions it allows, no with the rule and the best alternative, or a person decides.</summary>
/// <param name="Offers">The resolutions the customer may choose, with money computed; for a no, the alternative's offer when it is store credit.</param>
/// <param name="LastDay">The last day of the return window in the business's time zone (null before delivery).</param>
/// <param name="RefundDays">Business days the money takes for the order's payment method, when the policy says.</param>
public sealed record ReturnDecision(
    ReturnVerdict Verdict,
    ReturnRule Rule,
    ReturnAlternative Alternative,
    IReadOnlyList<ResolutionOffer> Offers,
    bool ShopPaysShipping,
    DateOnly? LastDay,
    (int Min, int Max)? RefundDays,
    decimal ItemAmount);

/// <summary>A resolution the customer may pick: what they get back (<see cref="Amount"/>) and any restocking fee kept.</summary>
public sealed record ResolutionOffer(Resolution Kind, decimal Amount, decimal Fee);

public enum ReturnVerdict
{
    Eligible,
    NotEligible,
    PersonDecides,
}

/// <summary>The rule that decided: <see cref="None"/> for an eligible return.</summary>
public enum ReturnRule
{
    None,
    NotDelivered,
    OutOfWindow,
    FinalSale,
    Condition,
    AboveAmount,
    RepeatReturner,
    IdentityShaky,
}

/// <summary>The best thing to offer when the return itself is not possible.</summary>
public enum ReturnAlternative
{
    None,
    StoreCredit,
    WarrantyRepair,
    Person,
}
