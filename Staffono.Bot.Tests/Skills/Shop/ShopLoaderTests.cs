using Staffono.Bot.Tests.Support;
using Staffono.Skills.Business;
using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>
/// The shop file is read strictly: the shipped demo loads whole with the values the owner wrote, and a
/// hand-editing mistake (a misspelt key, a negative price, a missing default delay, an unknown condition,
/// refund days in the wrong form, a repeated sku, a shop file that is not there) stops loading with one
/// message naming the file and the field.
/// </summary>
public sealed class ShopLoaderTests : IDisposable
{
    private static readonly string DemoFolder = Path.Combine(AppContext.BaseDirectory, "Business");
    private static readonly string DemoShop = Path.Combine(DemoFolder, "demo-shop.yaml");
    private static readonly string DemoProfile = Path.Combine(DemoFolder, "demo-profile.yaml");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_demo_shop_loads_its_products_faq_shipping_and_delays()
    {
        var shop = ShopLoader.Load(DemoShop);

        Assert.Equal("RUB", shop.Currency);
        Assert.Equal(14, shop.Products.Count);
        Assert.Equal(21, shop.Faq.Count);
        Assert.Equal([("courier", 2), ("pickup_point", 4), ("post", 10)], shop.Shipping.Select(s => (s.Id, s.SlaDays)));
        Assert.Contains(shop.Delays, d => d.Id == DelayExplanation.DefaultId);
        Assert.Equal(new IdentityRules(false, 3, TimeSpan.FromMinutes(30)), shop.Identity);
    }

    [Fact]
    public void Products_keep_their_prices_warranties_variants_and_final_sale()
    {
        var shop = ShopLoader.Load(DemoShop);

        var dryer = shop.Product("dryer-pro")!;
        Assert.Equal((12900m, 24, "devices", false), (dryer.Price, dryer.WarrantyMonths, dryer.Category, dryer.FinalSale));
        Assert.NotNull(dryer.Compatibility);
        Assert.Contains("diffuser-dp", dryer.Compatibility.En, StringComparison.Ordinal);
        Assert.Null(dryer.Sizes);
        Assert.Equal(["S", "M", "L", "XL"], shop.Product("robe")!.Variants);
        Assert.Empty(shop.Product("curler")!.Variants);
        Assert.True(shop.Product("oil-argan")!.FinalSale);
        Assert.Equal("hygiene", shop.Product("hair-ties")!.Category);
        Assert.Null(shop.Product("Dryer-Pro"));
        Assert.Equal("payment-methods", shop.Faq[0].Id);
        Assert.Contains("можно оплатить картой?", shop.Faq[0].QuestionsRu);
    }

    [Fact]
    public void The_return_policy_holds_what_the_owner_wrote()
    {
        var policy = ShopLoader.Load(DemoShop).Returns;

        Assert.Equal(14, policy.WindowDays);
        Assert.Equal(["gift-cards", "hygiene"], policy.FinalSaleCategories.Order(StringComparer.Ordinal));
        Assert.True(policy.DefectsOverrideFinalSale);
        Assert.Equal([ItemCondition.Unopened, ItemCondition.OpenedUnused], policy.AcceptedConditions.Order());
        Assert.Equal([Resolution.Exchange, Resolution.StoreCredit, Resolution.Refund, Resolution.PartialRefund], policy.Resolutions);
        Assert.Equal((10m, 30m), (policy.RestockingFeePercent, policy.PartialRefundPercent));
        Assert.False(policy.ShopPaysReturnShipping);
        Assert.Equal(30, policy.StoreCreditGraceDays);
        Assert.Equal(20000m, policy.PersonDecidesAbove);
        Assert.Equal((3, 90), (policy.RepeatReturns, policy.RepeatWindowDays));
        Assert.Equal((5, 10), policy.RefundDays["card"]);
        Assert.Equal((1, 3), policy.RefundDays["sbp"]);
        Assert.Equal(4, policy.RefundDays.Count);
    }

    [Fact]
    public void A_late_order_gets_its_own_explanation_or_the_default_one()
    {
        var shop = ShopLoader.Load(DemoShop);

        Assert.Equal("weather", shop.Delay("weather").Id);
        Assert.Equal(DelayExplanation.DefaultId, shop.Delay("volcano").Id);
        Assert.Equal(DelayExplanation.DefaultId, shop.Delay(null).Id);
    }

    [Fact]
    public void The_profile_loads_the_shop_it_names_from_its_own_folder()
    {
        var profile = BusinessProfileLoader.Load(DemoProfile);

        Assert.NotNull(profile.Shop);
        Assert.Equal(14, profile.Shop.Products.Count);

        // A copy elsewhere finds the shop file beside it, whatever the working folder.
        File.Copy(DemoProfile, _folder.File("profile.yaml"));
        File.Copy(Path.Combine(DemoFolder, "demo-leads.yaml"), _folder.File("demo-leads.yaml"));
        File.Copy(Path.Combine(DemoFolder, "demo-home.yaml"), _folder.File("demo-home.yaml"));
        File.WriteAllText(_folder.File("demo-shop.yaml"), File.ReadAllText(DemoShop).Replace("    price: 12900\n", "    price: 13900\n", StringComparison.Ordinal));
        var copy = BusinessProfileLoader.Load(_folder.File("profile.yaml"));
        Assert.Equal(13900m, copy.Shop!.Product("dryer-pro")!.Price);
    }

    /// <summary>A change to the demo file (text found, text written instead) and the pieces the one message must hold.</summary>
    public static TheoryData<string, string, string[]> Broken => new()
    {
        { "    price: 12900\n", "    price: -12900\n", ["my-shop.yaml", "products[0].price", "-12900"] },
        { "  - id: default\n", "  - id: usual\n", ["my-shop.yaml", "delays", "'default'"] },
        { "accepted_conditions: [unopened, opened_unused]", "accepted_conditions: [unopend, opened_unused]", ["my-shop.yaml", "return_policy.accepted_conditions[0]", "'unopend'", "expected one of", "opened_unused"] },
        { "card: \"5-10\"", "card: \"5..10\"", ["my-shop.yaml", "return_policy.refund_days.card", "5..10"] },
        { "card: \"5-10\"", "card: \"10-5\"", ["my-shop.yaml", "return_policy.refund_days.card", "10-5"] },
        { "  - sku: nozzle-slim\n", "  - sku: diffuser-dp\n", ["my-shop.yaml", "products[2].sku", "'diffuser-dp'", "products[1]"] },
        { "  - id: post\n", "  - id: courier\n", ["my-shop.yaml", "shipping[2].id", "'courier'"] },
        { "window_days: 14", "window_days: 400", ["my-shop.yaml", "return_policy.window_days", "400"] },
        { "restocking_fee_percent: 10", "restocking_fee_percent: 110", ["my-shop.yaml", "return_policy.restocking_fee_percent", "110"] },
        { "return_shipping: customer", "return_shipping: nobody", ["my-shop.yaml", "return_policy.return_shipping", "nobody"] },
        { "resolutions: [exchange, store_credit, refund, partial_refund]", "resolutions: [exchange, swap]", ["my-shop.yaml", "return_policy.resolutions[1]", "'swap'"] },
        { "currency: RUB", "currency: rub", ["my-shop.yaml", "currency", "'rub'"] },
        { "  attempts: 3 ", "  attempts: 0 ", ["my-shop.yaml", "identity.attempts", "0"] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_shop_file_is_one_message_naming_the_file_and_the_field(string find, string replace, string[] expected)
    {
        var path = WriteChanged(find, replace);

        var error = Assert.Throws<BusinessProfileException>(() => ShopLoader.Load(path));

        Assert.All(expected, piece => Assert.Contains(piece, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_line()
    {
        var path = WriteChanged("    price: 12900\n", "    pricee: 12900\n");
        var text = File.ReadAllText(path);
        var line = text[..text.IndexOf("    pricee:", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<BusinessProfileException>(() => ShopLoader.Load(path));

        Assert.StartsWith($"my-shop.yaml:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("pricee", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_naming_a_shop_file_that_is_not_there_fails_to_load()
    {
        var profile = _folder.File("profile.yaml");
        var text = File.ReadAllText(DemoProfile);
        Assert.Contains("shop: demo-shop.yaml", text, StringComparison.Ordinal);
        File.WriteAllText(profile, text.Replace("shop: demo-shop.yaml", "shop: missing-shop.yaml", StringComparison.Ordinal));

        var error = Assert.Throws<BusinessProfileException>(() => BusinessProfileLoader.Load(profile));

        Assert.Contains("missing-shop.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shop_file_that_is_not_there_fails_to_load()
    {
        var error = Assert.Throws<BusinessProfileException>(() => ShopLoader.Load(_folder.File("nowhere.yaml")));

        Assert.Contains("nowhere.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The demo shop with one change, as my-shop.yaml in the test's folder.</summary>
    private string WriteChanged(string find, string replace)
    {
        var text = File.ReadAllText(DemoShop);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var path = _folder.File("my-shop.yaml");
        File.WriteAllText(path, ReplaceFirst(text, find, replace));
        return path;
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
