using Staffono.Skills.Business;

namespace Staffono.Skills.Shop;

/// <summary>A way orders travel and how many days the shop promises for it (from shipping to delivery).</summary>
public sealed record ShippingMethod(string Id, LocalizedText Name, int SlaDays);
