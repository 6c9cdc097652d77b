namespace Staffono.Skills.Shop;

/// <summary>
/// An order as the shop's system reports it through events: who placed it (the contact identity is checked
/// against), what is in it, how it was paid and shipped, and its history with carrier scans.
/// </summary>
public sealed record Order
{
    /// <summary>The number the customer sees ("10234", "A-10234"), upper-case.</summary>
    public required string Number { get; init; }

    /// <summary>The phone on the order, as given; compared by <see cref="ContactMatch"/>.</summary>
    public string? Phone { get; init; }

    public string? Email { get; init; }

    public required IReadOnlyList<OrderItem> Items { get; init; }

    /// <summary>card, sbp, cash_on_delivery, gift_card: names the refund timing of the return policy.</summary>
    public required string PaymentMethod { get; init; }

    /// <summary>A shipping method id of the shop.</summary>
    public required string ShippingMethod { get; init; }

    public required DateTimeOffset PlacedAt { get; init; }

    public required OrderStatus Status { get; init; }

    /// <summary>When it left the warehouse; the shipping method's promise counts from here.</summary>
    public DateTimeOffset? ShippedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The date the shop or carrier now expects delivery, when it has said one.</summary>
    public DateOnly? ExpectedOn { get; init; }

    /// <summary>A delay explanation id when the shop knows why it is late (carrier_backlog, ...).</summary>
    public string? DelayReason { get; init; }

    public string? TrackingUrl { get; init; }

    /// <summary>Carrier scans, oldest first.</summary>
    public IReadOnlyList<CarrierScan> Scans { get; init; } = [];

    public decimal Total => Items.Sum(i => i.UnitPrice * i.Quantity);

    public CarrierScan? LastScan => Scans.Count == 0 ? null : Scans[^1];
}

/// <summary>One line of an order.</summary>
public sealed record OrderItem(string Sku, string? Variant, int Quantity, decimal UnitPrice);

/// <summary>A carrier's scan: when, where, what happened (in the carrier's words).</summary>
public sealed record CarrierScan(DateTimeOffset At, string Location, string Text);

public enum OrderStatus
{
    Processing,
    Shipped,
    Delivered,
    Cancelled,
}
