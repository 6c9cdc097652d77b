namespace Staffono.Skills.Leads;

/// <summary>A signal about a lead: met, missed, or not known yet.</summary>
public enum Signal
{
    Unknown,
    Yes,
    No,
}

/// <summary>The four signals of a lead, as the qualification dialog has read them from its answers.</summary>
public readonly record struct LeadSignals(Signal InArea, Signal Soon, Signal BudgetFits, Signal DecisionMaker);

/// <summary>A lead's score out of the weights' sum, and its tier.</summary>
public readonly record struct LeadScore(int Points, LeadTier Tier);

/// <summary>
/// Scores a lead by the owner's weights (<see cref="LeadScoring"/>): a signal met counts its weight, an unknown one half,
/// a missed one nothing. Out of the area is Tier C whatever the points: the business cannot do the work there.
/// </summary>
public sealed class LeadScorer(LeadScoring scoring)
{
    public LeadScore Score(LeadSignals signals)
    {
        var points = Points(signals.InArea, scoring.InArea) + Points(signals.Soon, scoring.Timeline)
            + Points(signals.BudgetFits, scoring.BudgetFits) + Points(signals.DecisionMaker, scoring.DecisionMaker);
        var tier = signals.InArea == Signal.No ? LeadTier.C
            : points >= scoring.TierA ? LeadTier.A
            : points >= scoring.TierB ? LeadTier.B
            : LeadTier.C;
        return new LeadScore(points, tier);
    }

    /// <summary>Whether a wanted date is within the timeline the business counts as soon.</summary>
    public Signal Soon(DateTime wanted, DateTime today) => (wanted.Date - today.Date).TotalDays <= scoring.TimelineDays ? Signal.Yes : Signal.No;

    private static int Points(Signal signal, int weight) => signal switch
    {
        Signal.Yes => weight,
        Signal.Unknown => weight / 2,
        _ => 0,
    };
}
