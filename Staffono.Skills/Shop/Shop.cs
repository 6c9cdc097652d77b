namespace Staffono.Skills.Shop;

/// <summary>
/// The shop behind the support workflows: what it sells, how it ships and what it promises, its return
/// rules, explanations for late orders, and the owner's FAQ. Read from the file the business profile names
/// (<c>shop: demo-shop.yaml</c>) by <see cref="ShopLoader"/>; orders are not here but in <see cref="IOrderStore"/>.
/// </summary>
public sealed record Shop(
    string Currency,
    IdentityRules Identity,
    IReadOnlyList<Product> Products,
    ReturnPolicy Returns,
    IReadOnlyList<ShippingMethod> Shipping,
    IReadOnlyList<DelayExplanation> Delays,
    IReadOnlyList<FaqEntry> Faq)
{
    private readonly Dictionary<string, Product> _bySku = Products.ToDictionary(p => p.Sku, StringComparer.Ordinal);

    public Product? Product(string sku) => _bySku.GetValueOrDefault(sku);

    public ShippingMethod? ShippingMethod(string id) => Shipping.FirstOrDefault(s => s.Id == id);

    /// <summary>The explanation for a delay reason, or the default one.</summary>
    public DelayExplanation Delay(string? reason) =>
        Delays.FirstOrDefault(d => d.Id == reason) ?? Delays.First(d => d.Id == DelayExplanation.DefaultId);
}
