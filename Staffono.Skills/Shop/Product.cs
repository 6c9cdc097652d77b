using Staffono.Skills.Business;

namespace Staffono.Skills.Shop;

/// <summary>Something the shop sells, with what customers ask about it (care, compatibility, what's in the box, sizes).</summary>
public sealed record Product(
    string Sku,
    LocalizedText Name,
    string Category,
    decimal Price,
    IReadOnlyList<string> Variants,
    int WarrantyMonths,
    bool FinalSale,
    LocalizedText? Care = null,
    LocalizedText? Compatibility = null,
    LocalizedText? Included = null,
    LocalizedText? Sizes = null);
