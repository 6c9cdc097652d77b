namespace Staffono.Skills.Calendar;

/// <summary>The outcome of a hold request, and the hold when there is one.</summary>
public sealed record HoldResult(HoldStatus Status, Hold? Hold = null)
{
    public static readonly HoldResult Taken = new(HoldStatus.Taken);

    public static readonly HoldResult NotHeld = new(HoldStatus.NotHeld);
}
