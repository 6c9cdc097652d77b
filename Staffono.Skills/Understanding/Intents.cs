namespace Staffono.Skills.Understanding;

/// <summary>The closed list of intents, spelled the same in code, training data and eval files.</summary>
public static class Intents
{
    public const string Booking = "Booking";
    public const string Reschedule = "Reschedule";
    public const string CancelBooking = "CancelBooking";
    public const string Pricing = "Pricing";
    public const string OrderStatus = "OrderStatus";
    public const string Return = "Return";
    public const string Renewal = "Renewal";
    public const string CancelSubscription = "CancelSubscription";
    public const string ProductQuestion = "ProductQuestion";
    public const string Complaint = "Complaint";
    public const string Human = "Human";
    public const string InternalRequest = "InternalRequest";
    public const string Greeting = "Greeting";
    public const string Help = "Help";
    public const string None = "None";

    public static IReadOnlyList<string> All { get; } =
    [
        Booking, Reschedule, CancelBooking, Pricing, OrderStatus, Return, Renewal, CancelSubscription,
        ProductQuestion, Complaint, Human, InternalRequest, Greeting, Help, None,
    ];

    public static bool IsKnown(string? label) => label is not null && All.Contains(label, StringComparer.Ordinal);
}
