using Staffono.Skills.Shop;

namespace Staffono.Bot.Shop;

/// <summary>
/// The demo shop's orders, dated from today so every path can be tried at once: packing, on the way, late,
/// delivered yesterday, delivered 40 days ago, final sale, cancelled, above the amount a person decides, a
/// repeat returner. Seeded once when none of them is in the store; the README lists them.
/// </summary>
public static class DemoOrders
{
    /// <summary>Anna's contacts, on most demo orders.</summary>
    public const string Phone = "+7 916 123-45-67";
    public const string Email = "anna@example.com";

    /// <summary>The repeat returner: three returns in the last weeks.</summary>
    public const string RepeatPhone = "+7 926 000-11-22";

    public static async Task SeedAsync(IOrderStore orders, IReturnStore returns, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await orders.FindAsync("10231", cancellationToken) is not null)
        {
            return;
        }

        foreach (var order in All(zone, now))
        {
            await orders.SaveAsync(order, cancellationToken);
        }

        // Three recent returns make the owner of order 10242 a repeat returner.
        for (var i = 0; i < 3; i++)
        {
            await returns.CreateAsync(new ReturnRecord
            {
                Rma = string.Empty, OrderNumber = "9990" + i, Sku = "robe", Reason = ReturnReason.WrongSize, Condition = ItemCondition.Unopened,
                Resolution = Resolution.Refund, Amount = 3900, ContactKeys = [ContactMatch.Normalize(RepeatPhone)!], ConversationKey = "demo/seed",
                CreatedAt = now.AddDays(-10 * (i + 1)),
            }, cancellationToken);
        }
    }

    public static IReadOnlyList<Order> All(TimeZoneInfo zone, DateTimeOffset now)
    {
        // Local noon so "yesterday" is yesterday in the business's zone whatever the hour.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        DateTimeOffset Day(int offset, int hour = 12)
        {
            var local = today.AddDays(offset).ToDateTime(new TimeOnly(hour, 0));
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        Order Make(string number, OrderStatus status, string shipping, int placed, OrderItem[] items, string payment = "card", string phone = Phone, string? email = Email) => new()
        {
            Number = number, Phone = phone, Email = email, Items = items, PaymentMethod = payment, ShippingMethod = shipping,
            PlacedAt = Day(placed, 10), Status = status,
        };

        OrderItem Item(string sku, decimal price, string? variant = null, int quantity = 1) => new(sku, variant, quantity, price);
        CarrierScan Scan(int day, int hour, string location, string text) => new(Day(day, hour), location, text);

        var orders = new List<Order>
        {
            Make("10231", OrderStatus.Processing, "courier", 0, [Item("dryer-pro", 12900)]) with { ExpectedOn = today.AddDays(2) },
            Make("10232", OrderStatus.Shipped, "courier", -2, [Item("straightener", 7400), Item("brush-round", 1800, "Ø43 mm")]) with
            {
                ShippedAt = Day(-1, 9), TrackingUrl = "https://track.example.com/CDK10232",
                Scans = [Scan(-1, 9, "Москва, склад", "Передан курьерской службе"), Scan(0, 8, "Москва, СЦ Южный", "Прибыл в сортировочный центр")],
            },
            Make("10233", OrderStatus.Shipped, "pickup_point", -9, [Item("robe", 3900, "M")]) with
            {
                ShippedAt = Day(-8, 9), DelayReason = "carrier_backlog", TrackingUrl = "https://track.example.com/CDK10233",
                Scans = [Scan(-8, 9, "Москва, склад", "Передан в СДЭК"), Scan(-6, 15, "Подольск, СЦ", "Прибыл в сортировочный центр")],
            },
            Make("10234", OrderStatus.Delivered, "courier", -3, [Item("robe", 3900, "L"), Item("shampoo-repair", 1450), Item("mask-keratin", 1990)]) with
            {
                ShippedAt = Day(-2, 9), DeliveredAt = Day(-1, 15), TrackingUrl = "https://track.example.com/CDK10234",
                Scans = [Scan(-2, 9, "Москва, склад", "Передан курьеру"), Scan(-1, 15, "Москва", "Вручён получателю")],
            },
            Make("10235", OrderStatus.Delivered, "courier", -43, [Item("dryer-pro", 12900)]) with { ShippedAt = Day(-42, 9), DeliveredAt = Day(-40, 14) },
            Make("10236", OrderStatus.Delivered, "pickup_point", -6, [Item("oil-argan", 2300), Item("hair-ties", 450)]) with { ShippedAt = Day(-5, 9), DeliveredAt = Day(-3, 17) },
            Make("10237", OrderStatus.Cancelled, "courier", -4, [Item("curler", 5600)], payment: "sbp"),
            Make("10238", OrderStatus.Delivered, "courier", -4, [Item("scissors-pro", 24500)]) with { ShippedAt = Day(-3, 9), DeliveredAt = Day(-2, 13) },
            Make("10239", OrderStatus.Delivered, "courier", -7, [Item("curler", 5600)], payment: "sbp", phone: "+7 903 555-12-34", email: "ivan@example.com") with { ShippedAt = Day(-6, 9), DeliveredAt = Day(-5, 12) },
            Make("10240", OrderStatus.Shipped, "courier", -7, [Item("towel-set", 2700, "серый / grey")]) with
            {
                ShippedAt = Day(-6, 9), DelayReason = "lost_in_transit", TrackingUrl = "https://track.example.com/CDK10240",
                Scans = [Scan(-6, 9, "Москва, склад", "Передан курьерской службе")],
            },
            Make("10241", OrderStatus.Delivered, "post", -35, [Item("towel-set", 2700, "белый / white")]) with { ShippedAt = Day(-33, 9), DeliveredAt = Day(-20, 16) },
            Make("10242", OrderStatus.Delivered, "courier", -5, [Item("robe", 3900, "S")], phone: RepeatPhone, email: "maria@example.com") with { ShippedAt = Day(-4, 9), DeliveredAt = Day(-3, 11) },
        };

        // A dozen more ordinary orders, so the list looks like a shop's.
        (string Sku, decimal Price)[] lines = [("shampoo-repair", 1450), ("mask-keratin", 1990), ("nozzle-slim", 900), ("diffuser-dp", 1900), ("brush-round", 1800), ("gift-card-3000", 3000)];
        for (var i = 0; i < 10; i++)
        {
            var number = (10243 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (sku, price) = lines[i % lines.Length];
            var order = Make(number, (i % 3) switch { 0 => OrderStatus.Delivered, 1 => OrderStatus.Shipped, _ => OrderStatus.Processing }, "courier", -(i % 5) - 2, [Item(sku, price, sku == "brush-round" ? "Ø53 mm" : null)]);
            orders.Add(order.Status switch
            {
                OrderStatus.Delivered => order with { ShippedAt = order.PlacedAt.AddDays(1), DeliveredAt = order.PlacedAt.AddDays(2) },
                OrderStatus.Shipped => order with { ShippedAt = Day(-1, 9), Scans = [Scan(-1, 9, "Москва, склад", "Передан курьеру")] },
                _ => order,
            });
        }

        return orders;
    }
}
