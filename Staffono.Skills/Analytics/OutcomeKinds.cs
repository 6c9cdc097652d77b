namespace Staffono.Skills.Analytics;

/// <summary>The kinds of <see cref="OutcomeEvent"/>.</summary>
public static class OutcomeKinds
{
    public const string Started = "started";
    public const string SlotsOffered = "slots_offered";
    public const string Booked = "booked";
    public const string Rescheduled = "rescheduled";
    public const string Cancelled = "cancelled";
    public const string Abandoned = "abandoned";
    public const string HandedOff = "handed_off";
}
