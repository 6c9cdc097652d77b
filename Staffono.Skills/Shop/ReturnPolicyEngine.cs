namespace Staffono.Skills.Shop;

/// <summary>
/// Applies the shop's <see cref="ReturnPolicy"/> to one return. Pure and deterministic: the same case always
/// gets the same answer, which the dialog then explains. Dates are calendar days in the business's time
/// zone: an item delivered on the 19th with a 14-day window may be returned until the end of the 3rd there,
/// whatever the server's clock zone.
/// </summary>
public sealed class ReturnPolicyEngine(ReturnPolicy policy, TimeZoneInfo timeZone)
{
    private ReturnPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    public ReturnDecision Decide(ReturnCase request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var amount = request.Item.UnitPrice * request.Item.Quantity;
        var refundDays = Policy.RefundDays.TryGetValue(request.Order.PaymentMethod, out var days) ? days : ((int, int)?)null;
        // A defect, damage or a wrong item is the shop's fault: the customer's condition does not count against them.
        var shopFault = request.Reason is ReturnReason.Defective or ReturnReason.WrongItem || request.Condition == ItemCondition.Damaged;
        var shopPays = Policy.ShopPaysReturnShipping || shopFault;

        ReturnDecision No(ReturnRule rule, ReturnAlternative alternative, DateOnly? lastDay, IReadOnlyList<ResolutionOffer>? offers = null) =>
            new(ReturnVerdict.NotEligible, rule, alternative, offers ?? [], shopPays, lastDay, refundDays, amount);

        if (request.Order.Status != OrderStatus.Delivered || request.Order.DeliveredAt is not { } delivered)
        {
            return No(ReturnRule.NotDelivered, ReturnAlternative.Person, null);
        }

        var lastDay = LocalDate(delivered).AddDays(Policy.WindowDays);
        var today = LocalDate(request.Now);
        var finalSale = request.Product is { } product && (product.FinalSale || Policy.FinalSaleCategories.Contains(product.Category));
        if (finalSale && !(shopFault && Policy.DefectsOverrideFinalSale))
        {
            return No(ReturnRule.FinalSale, ReturnAlternative.Person, lastDay);
        }

        if (today > lastDay)
        {
            var warranty = request.Product?.WarrantyMonths ?? 0;
            if (shopFault && warranty > 0 && today <= LocalDate(delivered).AddMonths(warranty))
            {
                return No(ReturnRule.OutOfWindow, ReturnAlternative.WarrantyRepair, lastDay);
            }

            if (!shopFault && today <= lastDay.AddDays(Policy.StoreCreditGraceDays) && Policy.AcceptedConditions.Contains(request.Condition)
                && Policy.Resolutions.Contains(Resolution.StoreCredit))
            {
                return No(ReturnRule.OutOfWindow, ReturnAlternative.StoreCredit, lastDay, [new ResolutionOffer(Resolution.StoreCredit, amount, 0)]);
            }

            return No(ReturnRule.OutOfWindow, ReturnAlternative.Person, lastDay);
        }

        if (!shopFault && !Policy.AcceptedConditions.Contains(request.Condition))
        {
            return No(ReturnRule.Condition, ReturnAlternative.Person, lastDay);
        }

        var personRule = amount > Policy.PersonDecidesAbove ? ReturnRule.AboveAmount
            : Policy.RepeatReturns > 0 && request.RecentReturns >= Policy.RepeatReturns ? ReturnRule.RepeatReturner
            : request.IdentityShaky ? ReturnRule.IdentityShaky
            : ReturnRule.None;
        if (personRule != ReturnRule.None)
        {
            return new ReturnDecision(ReturnVerdict.PersonDecides, personRule, ReturnAlternative.Person, [], shopPays, lastDay, refundDays, amount);
        }

        return new ReturnDecision(ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, Offers(request, amount, shopFault), shopPays, lastDay, refundDays, amount);
    }

    /// <summary>The resolutions the policy lists that fit this return, in the policy's order.</summary>
    private List<ResolutionOffer> Offers(ReturnCase request, decimal amount, bool shopFault)
    {
        // The fee covers reselling an opened item; nothing is kept when the shop was at fault.
        var fee = !shopFault && request.Condition == ItemCondition.OpenedUnused ? Math.Round(amount * Policy.RestockingFeePercent / 100m, 2) : 0m;
        var offers = new List<ResolutionOffer>();
        foreach (var resolution in Policy.Resolutions)
        {
            switch (resolution)
            {
                // A replacement for a faulty item, or another size or colour of this one.
                case Resolution.Exchange when shopFault || (request.Product?.Variants.Count ?? 0) > 1:
                    offers.Add(new ResolutionOffer(Resolution.Exchange, 0, 0));
                    break;
                case Resolution.StoreCredit:
                    offers.Add(new ResolutionOffer(Resolution.StoreCredit, amount, 0));
                    break;
                case Resolution.Refund:
                    offers.Add(new ResolutionOffer(Resolution.Refund, amount - fee, fee));
                    break;
                // Keeping a defective item for part of the money back.
                case Resolution.PartialRefund when request.Reason == ReturnReason.Defective || request.Condition == ItemCondition.Damaged:
                    offers.Add(new ResolutionOffer(Resolution.PartialRefund, Math.Round(amount * Policy.PartialRefundPercent / 100m, 2), 0));
                    break;
            }
        }

        return offers;
    }

    private DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, timeZone).DateTime);
}
