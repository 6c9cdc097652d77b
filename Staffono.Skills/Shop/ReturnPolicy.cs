using Staffono.Skills.Business;

namespace Staffono.Skills.Shop;

/// <summary>The shop's return rules, as the owner writes them in the shop file; <see cref="ReturnPolicyEngine"/> applies them.</summary>
/// <param name="WindowDays">Days after delivery (counted in calendar days of the business's time zone) an item may be returned.</param>
/// <param name="FinalSaleCategories">Categories never taken back unless defective (gift cards, hygiene).</param>
/// <param name="DefectsOverrideFinalSale">A defective final-sale item may still be returned.</param>
/// <param name="AcceptedConditions">Conditions taken back when the item is not defective.</param>
/// <param name="Resolutions">What the shop offers, in its order of preference.</param>
/// <param name="RestockingFeePercent">Taken from a refund for an opened item returned without a defect.</param>
/// <param name="PartialRefundPercent">Paid back for a defective item the customer keeps.</param>
/// <param name="ShopPaysReturnShipping">True when the shop pays return shipping always; it always does for defective or wrong items.</param>
/// <param name="StoreCreditGraceDays">Days after the window in which store credit is still offered.</param>
/// <param name="PersonDecidesAbove">Returns worth more than this are decided by a person.</param>
/// <param name="RepeatReturns">This many returns within <paramref name="RepeatWindowDays"/> make a customer a repeat returner, decided by a person.</param>
/// <param name="RefundDays">Business days the money takes, by payment method.</param>
/// <param name="Instructions">How to send the item back.</param>
public sealed record ReturnPolicy(
    int WindowDays,
    IReadOnlySet<string> FinalSaleCategories,
    bool DefectsOverrideFinalSale,
    IReadOnlySet<ItemCondition> AcceptedConditions,
    IReadOnlyList<Resolution> Resolutions,
    decimal RestockingFeePercent,
    decimal PartialRefundPercent,
    bool ShopPaysReturnShipping,
    int StoreCreditGraceDays,
    decimal PersonDecidesAbove,
    int RepeatReturns,
    int RepeatWindowDays,
    IReadOnlyDictionary<string, (int Min, int Max)> RefundDays,
    LocalizedText Instructions);

/// <summary>What the customer says about the item they want to return.</summary>
public enum ItemCondition
{
    Unopened,
    OpenedUnused,
    Used,
    Damaged,
}

/// <summary>Why the customer returns it.</summary>
public enum ReturnReason
{
    ChangedMind,
    WrongSize,
    Defective,
    WrongItem,
}

/// <summary>What a return can end in.</summary>
public enum Resolution
{
    Exchange,
    StoreCredit,
    Refund,
    PartialRefund,
}
