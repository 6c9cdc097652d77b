using Staffono.Dialogs.Engine;
using Staffono.Skills.Shop;

namespace Staffono.Dialogs.Support;

/// <summary>
/// Where an order stands, as the customer should hear it: its status, the last scan, the date to expect it,
/// the tracking link, and whether it is later than the shipping method promises (counted in calendar days of
/// the business's time zone from the day it shipped).
/// </summary>
public sealed record OrderStatusReport(Order Order, DateOnly? Expected, bool Late)
{
    public static OrderStatusReport Of(Order order, Shop shop, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(shop);
        var promised = order.ShippedAt is { } shipped && shop.ShippingMethod(order.ShippingMethod) is { } method
            ? SupportWording.LocalDate(shipped, zone).AddDays(method.SlaDays)
            : (DateOnly?)null;
        var expected = order.ExpectedOn ?? promised;
        var today = SupportWording.LocalDate(now, zone);
        var late = order.Status == OrderStatus.Shipped && ((promised is { } p && today > p) || (expected is { } e && today > e));
        return new OrderStatusReport(order, expected, late);
    }

    public string Describe(string language, Shop shop, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var lines = new List<string>();
        switch (Order.Status)
        {
            case OrderStatus.Processing:
                lines.Add(Texts.Get(language, "status.processing", Order.Number, SupportWording.Date(language, SupportWording.LocalDate(Order.PlacedAt, zone))));
                break;
            case OrderStatus.Shipped:
                lines.Add(Texts.Get(language, "status.shipped", Order.Number, shop.ShippingMethod(Order.ShippingMethod)?.Name.In(language) ?? Order.ShippingMethod));
                break;
            case OrderStatus.Delivered:
                lines.Add(Texts.Get(language, "status.delivered", Order.Number, Order.DeliveredAt is { } at ? SupportWording.Moment(language, at, zone) : "—"));
                break;
            default:
                lines.Add(Texts.Get(language, "status.cancelled", Order.Number));
                break;
        }

        if (Order.Status == OrderStatus.Shipped && Order.LastScan is { } scan)
        {
            lines.Add(Texts.Get(language, "status.last_scan", SupportWording.Moment(language, scan.At, zone), scan.Location, scan.Text));
        }

        if (Order.Status is OrderStatus.Processing or OrderStatus.Shipped && Expected is { } expected)
        {
            lines.Add(Texts.Get(language, Late ? "status.expected_was" : "status.expected", SupportWording.Date(language, expected)));
        }

        if (Order.Status is OrderStatus.Shipped or OrderStatus.Delivered && Order.TrackingUrl is { Length: > 0 } tracking)
        {
            lines.Add(Texts.Get(language, "status.tracking", tracking));
        }

        return string.Join("\n", lines);
    }
}
