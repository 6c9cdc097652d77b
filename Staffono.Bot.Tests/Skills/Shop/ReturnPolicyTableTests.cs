using System.Globalization;
using Staffono.Skills.Business;
using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>
/// The demo shop's return policy as a table: each row is one return (when it was delivered, when the customer
/// asks, what, why, in what state, how often they returned, how sure the identity is) and what the policy
/// decides, with the money offered. The window counts calendar days in Moscow, so the rows around midnight
/// there prove a late-evening delivery counts on its own day and the last day lasts until local midnight.
/// </summary>
public sealed class ReturnPolicyTableTests
{
    private static readonly BusinessProfile Profile = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));

    private static readonly ReturnPolicyEngine Engine = new(Profile.Shop!.Returns, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"));

    /// <summary>23:30 in Moscow on 19 November: the window's 14 days end with 3 December.</summary>
    private const string LateOn19th = "2026-11-19T20:30:00Z";

    /// <summary>00:30 in Moscow on 20 November: one hour later in UTC, but the next day there, so the window ends with 4 December.</summary>
    private const string JustAfterMidnightOn20th = "2026-11-19T21:30:00Z";

    /// <summary>Noon in Moscow on 1 November: the window ends with 15 November, store credit with 15 December.</summary>
    private const string On1st = "2026-11-01T09:00:00Z";

    /// <summary>Well inside the window of a delivery on the 19th.</summary>
    private const string Midway = "2026-11-25T09:00:00Z";

    private static ResolutionOffer Exchange() => new(Resolution.Exchange, 0m, 0m);

    private static ResolutionOffer Credit(decimal amount) => new(Resolution.StoreCredit, amount, 0m);

    private static ResolutionOffer Refund(decimal amount, decimal fee = 0m) => new(Resolution.Refund, amount, fee);

    private static ResolutionOffer Partial(decimal amount) => new(Resolution.PartialRefund, amount, 0m);

    /// <summary>
    /// One row: the return asked for and what the policy must answer. Instants are UTC (a null delivery is an
    /// order still on its way); the last day is the window's last day in Moscow (yyyy-MM-dd).
    /// </summary>
    public sealed record PolicyRow(
        string Case,
        string? DeliveredAt,
        string Now,
        string Sku,
        int Quantity,
        ReturnReason Reason,
        ItemCondition Condition,
        int RecentReturns,
        bool Shaky,
        ReturnVerdict Verdict,
        ReturnRule Rule,
        ReturnAlternative Alternative,
        IReadOnlyList<ResolutionOffer> Offers,
        bool ShopPays,
        string? LastDay)
    {
        public override string ToString() => Case;
    }

    private static PolicyRow Row(
        string name, string? delivered, string now, string sku, ReturnReason reason, ItemCondition condition,
        ReturnVerdict verdict, ReturnRule rule, ReturnAlternative alternative, IReadOnlyList<ResolutionOffer> offers,
        bool shopPays = false, string? lastDay = "2026-12-03", int quantity = 1, int recent = 0, bool shaky = false) =>
        new(name, delivered, now, sku, quantity, reason, condition, recent, shaky, verdict, rule, alternative, offers, shopPays, lastDay);

    public static TheoryData<PolicyRow> Rows => new()
    {
        // The window's edges at midnight in Moscow, not in UTC.
        Row("delivered 23:30 Moscow on the 19th, asked 23:59 Moscow on 3 December: the last minute of the window",
            LateOn19th, "2026-12-03T20:59:00Z", "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(3900m), Refund(3900m)]),
        Row("delivered 23:30 Moscow on the 19th, asked 00:00 Moscow on 4 December: out of the window, store credit instead",
            LateOn19th, "2026-12-03T21:00:00Z", "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.StoreCredit, [Credit(3900m)]),
        Row("delivered 00:30 Moscow on the 20th (still the 19th in UTC), asked 23:59 Moscow on 4 December: still in the window",
            JustAfterMidnightOn20th, "2026-12-04T20:59:00Z", "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(3900m), Refund(3900m)], lastDay: "2026-12-04"),
        Row("delivered 00:30 Moscow on the 20th, asked 00:00 Moscow on 5 December: out of the window",
            JustAfterMidnightOn20th, "2026-12-04T21:00:00Z", "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.StoreCredit, [Credit(3900m)], lastDay: "2026-12-04"),

        // Final sale: by category or by the product's flag, unless the shop is at fault.
        Row("hair ties are hygiene, a final-sale category",
            LateOn19th, Midway, "hair-ties", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.FinalSale, ReturnAlternative.Person, []),
        Row("a gift card is final sale by category even in the wrong size",
            LateOn19th, Midway, "gift-card-3000", ReturnReason.WrongSize, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.FinalSale, ReturnAlternative.Person, []),
        Row("argan oil is final sale by its own flag",
            LateOn19th, Midway, "oil-argan", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.FinalSale, ReturnAlternative.Person, []),
        Row("a defective final-sale item comes back: the defect overrides final sale, with no fee and the shop paying shipping",
            LateOn19th, Midway, "oil-argan", ReturnReason.Defective, ItemCondition.OpenedUnused,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(2300m), Refund(2300m), Partial(690m)], shopPays: true),
        Row("a wrong final-sale item comes back too, exchanged though it has no variants, but with no partial refund",
            LateOn19th, Midway, "hair-ties", ReturnReason.WrongItem, ItemCondition.Unopened,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(450m), Refund(450m)], shopPays: true),

        // Condition and the restocking fee.
        Row("a used robe returned for a change of mind is not taken back",
            LateOn19th, Midway, "robe", ReturnReason.ChangedMind, ItemCondition.Used,
            ReturnVerdict.NotEligible, ReturnRule.Condition, ReturnAlternative.Person, []),
        Row("a robe that arrived damaged is taken back whatever the reason, with a partial refund to keep it",
            LateOn19th, Midway, "robe", ReturnReason.WrongSize, ItemCondition.Damaged,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(3900m), Refund(3900m), Partial(1170m)], shopPays: true),
        Row("an opened robe in the wrong size: exchange for another of its four sizes, or a refund less 10 %",
            LateOn19th, Midway, "robe", ReturnReason.WrongSize, ItemCondition.OpenedUnused,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(3900m), Refund(3510m, 390m)]),
        Row("two opened shampoos (one variant only): no exchange, credit in full, a refund less 10 % of both",
            LateOn19th, Midway, "shampoo-repair", ReturnReason.ChangedMind, ItemCondition.OpenedUnused,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Credit(2900m), Refund(2610m, 290m)], quantity: 2),
        Row("an unopened curler (one variant only): credit or a full refund, no exchange",
            LateOn19th, Midway, "curler", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Credit(5600m), Refund(5600m)]),
        Row("a defective dryer, used: replaced, credited, refunded in full, or 30 % back to keep it, the shop paying shipping",
            LateOn19th, Midway, "dryer-pro", ReturnReason.Defective, ItemCondition.Used,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(12900m), Refund(12900m), Partial(3870m)], shopPays: true),

        // After the window: store credit in the grace days, the warranty for defects, or a person.
        Row("ten days after the window, unopened: store credit",
            On1st, Midway, "curler", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.StoreCredit, [Credit(5600m)], lastDay: "2026-11-15"),
        Row("ten days after the window, used: no store credit, a person",
            On1st, Midway, "curler", ReturnReason.ChangedMind, ItemCondition.Used,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.Person, [], lastDay: "2026-11-15"),
        Row("23:59 Moscow on the 30th grace day: still store credit",
            On1st, "2026-12-15T20:59:00Z", "curler", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.StoreCredit, [Credit(5600m)], lastDay: "2026-11-15"),
        Row("00:00 Moscow after the 30th grace day: a person",
            On1st, "2026-12-15T21:00:00Z", "curler", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.Person, [], lastDay: "2026-11-15"),
        Row("a dryer that broke eleven months after delivery: repair under its 24-month warranty",
            "2025-12-20T09:00:00Z", Midway, "dryer-pro", ReturnReason.Defective, ItemCondition.Used,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.WarrantyRepair, [], shopPays: true, lastDay: "2026-01-03"),
        Row("a dryer that broke two years and three weeks after delivery: past the warranty, a person",
            "2024-11-01T09:00:00Z", Midway, "dryer-pro", ReturnReason.Defective, ItemCondition.Used,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.Person, [], shopPays: true, lastDay: "2024-11-15"),
        Row("a defective shampoo after the window has no warranty to fall back on: a person, not store credit",
            On1st, Midway, "shampoo-repair", ReturnReason.Defective, ItemCondition.OpenedUnused,
            ReturnVerdict.NotEligible, ReturnRule.OutOfWindow, ReturnAlternative.Person, [], shopPays: true, lastDay: "2026-11-15"),

        // A person decides: the amount, a repeat returner, a shaky identity check.
        Row("professional scissors at 24 500 are above the 20 000 a person decides",
            LateOn19th, Midway, "scissors-pro", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.PersonDecides, ReturnRule.AboveAmount, ReturnAlternative.Person, []),
        Row("two dryers at 12 900 make 25 800, above the amount",
            LateOn19th, Midway, "dryer-pro", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.PersonDecides, ReturnRule.AboveAmount, ReturnAlternative.Person, [], quantity: 2),
        Row("a third return within 90 days makes a repeat returner",
            LateOn19th, Midway, "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.PersonDecides, ReturnRule.RepeatReturner, ReturnAlternative.Person, [], recent: 3),
        Row("two earlier returns are not yet a repeat returner",
            LateOn19th, Midway, "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.Eligible, ReturnRule.None, ReturnAlternative.None, [Exchange(), Credit(3900m), Refund(3900m)], recent: 2),
        Row("an identity that took more than one try",
            LateOn19th, Midway, "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.PersonDecides, ReturnRule.IdentityShaky, ReturnAlternative.Person, [], shaky: true),

        // Nothing to return yet.
        Row("an order still on its way",
            null, Midway, "robe", ReturnReason.ChangedMind, ItemCondition.Unopened,
            ReturnVerdict.NotEligible, ReturnRule.NotDelivered, ReturnAlternative.Person, [], lastDay: null),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_policy_decides_each_return_as_the_table_says(PolicyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);

        var decision = Engine.Decide(Case(row.DeliveredAt, row.Now, row.Sku, row.Quantity, row.Reason, row.Condition, row.RecentReturns, row.Shaky));

        Assert.Equal((row.Verdict, row.Rule, row.Alternative), (decision.Verdict, decision.Rule, decision.Alternative));
        Assert.Equal(row.Offers, decision.Offers);
        Assert.Equal(row.ShopPays, decision.ShopPaysShipping);
        Assert.Equal(row.LastDay, decision.LastDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_table_covers_every_verdict_rule_and_alternative()
    {
        var rows = ((IEnumerable<object?[]>)Rows).Select(r => (PolicyRow)r[0]!).ToList();

        Assert.True(rows.Count >= 20);
        Assert.Equal(Enum.GetValues<ReturnVerdict>(), rows.Select(r => r.Verdict).Distinct().Order());
        Assert.Equal(Enum.GetValues<ReturnRule>(), rows.Select(r => r.Rule).Distinct().Order());
        Assert.Equal(Enum.GetValues<ReturnAlternative>(), rows.Select(r => r.Alternative).Distinct().Order());
    }

    [Theory]
    [InlineData("card", 5, 10)]
    [InlineData("sbp", 1, 3)]
    [InlineData("cash_on_delivery", 3, 5)]
    [InlineData("gift_card", 0, 1)]
    public void The_money_takes_the_business_days_of_the_payment_method(string payment, int min, int max)
    {
        var decision = Engine.Decide(Case(LateOn19th, Midway, "robe", 1, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false, payment));

        Assert.Equal(ReturnVerdict.Eligible, decision.Verdict);
        Assert.Equal(((int, int)?)(min, max), decision.RefundDays);
    }

    [Fact]
    public void A_payment_method_the_policy_does_not_name_has_no_refund_days()
    {
        var decision = Engine.Decide(Case(LateOn19th, Midway, "robe", 1, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false, "invoice"));

        Assert.Equal(ReturnVerdict.Eligible, decision.Verdict);
        Assert.Null(decision.RefundDays);
    }

    [Fact]
    public void The_item_amount_is_the_price_times_the_quantity_whatever_the_verdict()
    {
        Assert.Equal(25800m, Engine.Decide(Case(LateOn19th, Midway, "dryer-pro", 2, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false)).ItemAmount);
        Assert.Equal(1350m, Engine.Decide(Case(LateOn19th, Midway, "hair-ties", 3, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false)).ItemAmount);
    }

    [Fact]
    public void A_shop_that_always_pays_return_shipping_pays_it_for_a_change_of_mind_too()
    {
        var generous = new ReturnPolicyEngine(Profile.Shop!.Returns with { ShopPaysReturnShipping = true }, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"));
        var request = Case(LateOn19th, Midway, "robe", 1, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false);

        Assert.False(Engine.Decide(request).ShopPaysShipping);
        Assert.True(generous.Decide(request).ShopPaysShipping);
    }

    [Fact]
    public void The_same_instants_give_the_same_answer_however_they_are_written()
    {
        // 20:59 UTC and 23:59 at UTC+3 are one instant: the business's zone decides, not the offset it was written in.
        var utc = Engine.Decide(Case(LateOn19th, "2026-12-03T20:59:00Z", "robe", 1, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false));
        var local = Engine.Decide(Case("2026-11-19T23:30:00+03:00", "2026-12-03T23:59:00+03:00", "robe", 1, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false));
        var elsewhere = Engine.Decide(Case("2026-11-19T15:30:00-05:00", "2026-12-03T15:59:00-05:00", "robe", 1, ReturnReason.ChangedMind, ItemCondition.Unopened, 0, false));

        Assert.Equal((ReturnVerdict.Eligible, (DateOnly?)new DateOnly(2026, 12, 3)), (utc.Verdict, utc.LastDay));
        Assert.Equal((utc.Verdict, utc.LastDay), (local.Verdict, local.LastDay));
        Assert.Equal((utc.Verdict, utc.LastDay), (elsewhere.Verdict, elsewhere.LastDay));
    }

    private static ReturnCase Case(string? deliveredAt, string now, string sku, int quantity, ReturnReason reason, ItemCondition condition, int recentReturns, bool shaky, string payment = "card")
    {
        var product = Profile.Shop!.Product(sku) ?? throw new InvalidOperationException($"The demo shop has no product '{sku}'.");
        var item = new OrderItem(sku, product.Variants.Count > 0 ? product.Variants[0] : null, quantity, product.Price);
        var delivered = deliveredAt is null ? (DateTimeOffset?)null : Instant(deliveredAt);
        var at = Instant(now);
        var order = new Order
        {
            Number = "A-10234",
            Phone = "+7 916 123-45-67",
            Email = "anna@example.com",
            Items = [item],
            PaymentMethod = payment,
            ShippingMethod = "courier",
            PlacedAt = (delivered ?? at).AddDays(-3),
            Status = delivered is null ? OrderStatus.Shipped : OrderStatus.Delivered,
            ShippedAt = (delivered ?? at).AddDays(-2),
            DeliveredAt = delivered,
        };
        return new ReturnCase(order, item, product, reason, condition, recentReturns, shaky, at);
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
