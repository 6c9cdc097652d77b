using Staffono.Skills.Leads;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Leads;

/// <summary>
/// The lead score: a signal met counts its weight, an unknown one half of it, a missed one nothing; the tiers start at
/// their thresholds exactly (one point below is the tier under); out of the area is Tier C whatever the points; and a
/// wanted date is soon up to and including the timeline's last day.
/// </summary>
public sealed class LeadScorerTests
{
    /// <summary>The demo leads file's weights: in area 40, timeline 30 (30 days), budget 20, decides 10; A from 85, B from 40.</summary>
    private static readonly LeadScoring Demo = new(InArea: 40, Timeline: 30, TimelineDays: 30, BudgetFits: 20, DecisionMaker: 10, TierA: 85, TierB: 40);

    private const Signal Y = Signal.Yes;
    private const Signal N = Signal.No;
    private const Signal U = Signal.Unknown;

    [Fact]
    public void The_demo_leads_file_has_the_weights_these_tests_use()
    {
        var loaded = Staffono.Skills.Business.BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml")).Leads!.Scoring;

        Assert.Equal(Demo, loaded);
    }

    [Theory]
    // Each signal alone met (the others missed, in area so the tier is not forced): its weight.
    [InlineData(Y, N, N, N, 40)]
    [InlineData(Y, Y, N, N, 70)]
    [InlineData(Y, N, Y, N, 60)]
    [InlineData(Y, N, N, Y, 50)]
    // Unknown is half the weight: 40/2 + 30/2 + 20/2 + 10/2.
    [InlineData(U, U, U, U, 50)]
    [InlineData(Y, U, N, N, 55)]
    [InlineData(Y, N, U, N, 50)]
    [InlineData(Y, N, N, U, 45)]
    [InlineData(U, N, N, N, 20)]
    // All met, all missed.
    [InlineData(Y, Y, Y, Y, 100)]
    [InlineData(N, N, N, N, 0)]
    // Mixed.
    [InlineData(Y, Y, U, U, 85)]
    [InlineData(U, Y, Y, N, 70)]
    [InlineData(N, Y, Y, Y, 60)]
    public void A_met_signal_counts_its_weight_an_unknown_half_and_a_missed_one_nothing(Signal inArea, Signal soon, Signal budget, Signal decides, int points)
    {
        var score = new LeadScorer(Demo).Score(new LeadSignals(inArea, soon, budget, decides));

        Assert.Equal(points, score.Points);
    }

    [Fact]
    public void Each_weight_counts_for_its_own_signal_only()
    {
        // Distinct powers of two as weights: the points show which signals were counted, and how.
        var scoring = new LeadScoring(InArea: 64, Timeline: 32, TimelineDays: 30, BudgetFits: 16, DecisionMaker: 8, TierA: 100, TierB: 50);
        var scorer = new LeadScorer(scoring);

        Assert.Equal(64, scorer.Score(new LeadSignals(Y, N, N, N)).Points);
        Assert.Equal(32, scorer.Score(new LeadSignals(N, Y, N, N)).Points);
        Assert.Equal(16, scorer.Score(new LeadSignals(N, N, Y, N)).Points);
        Assert.Equal(8, scorer.Score(new LeadSignals(N, N, N, Y)).Points);
        Assert.Equal(32 + 16 + 8 + 4, scorer.Score(new LeadSignals(U, U, U, U)).Points);
        Assert.Equal(64 + (32 / 2) + 16 + 8, scorer.Score(new LeadSignals(Y, U, Y, Y)).Points);
    }

    [Theory]
    [InlineData(Y, Y, Y, Y, LeadTier.A)]     // 100
    [InlineData(Y, Y, Y, N, LeadTier.A)]     // 90
    [InlineData(Y, Y, U, U, LeadTier.A)]     // 85: exactly tier_a
    [InlineData(Y, Y, U, N, LeadTier.B)]     // 80
    [InlineData(U, U, U, U, LeadTier.B)]     // 50
    [InlineData(Y, N, N, N, LeadTier.B)]     // 40: exactly tier_b
    [InlineData(U, N, U, N, LeadTier.C)]     // 30
    [InlineData(U, N, N, N, LeadTier.C)]     // 20
    public void The_demo_tiers_start_at_their_thresholds(Signal inArea, Signal soon, Signal budget, Signal decides, LeadTier tier)
    {
        Assert.Equal(tier, new LeadScorer(Demo).Score(new LeadSignals(inArea, soon, budget, decides)).Tier);
    }

    [Theory]
    // 85 points (in area, soon, budget and decider unknown) against thresholds moved around it.
    [InlineData(85, 40, LeadTier.A)]
    [InlineData(86, 40, LeadTier.B)]
    [InlineData(86, 85, LeadTier.B)]
    [InlineData(87, 86, LeadTier.C)]
    [InlineData(85, 85, LeadTier.A)]
    [InlineData(84, 0, LeadTier.A)]
    [InlineData(400, 86, LeadTier.C)]
    public void A_tier_is_reached_at_its_threshold_exactly_and_missed_one_point_below(int tierA, int tierB, LeadTier tier)
    {
        var scorer = new LeadScorer(Demo with { TierA = tierA, TierB = tierB });

        var score = scorer.Score(new LeadSignals(Y, Y, U, U));

        Assert.Equal(85, score.Points);
        Assert.Equal(tier, score.Tier);
    }

    [Theory]
    [InlineData(Y, Y, Y)]
    [InlineData(U, U, U)]
    [InlineData(N, N, N)]
    public void Out_of_the_area_is_tier_c_whatever_the_points(Signal soon, Signal budget, Signal decides)
    {
        // Thresholds anyone passes: only the area can make these Tier C.
        var scorer = new LeadScorer(Demo with { TierA = 1, TierB = 0 });

        var outside = scorer.Score(new LeadSignals(N, soon, budget, decides));
        var unknown = scorer.Score(new LeadSignals(U, soon, budget, decides));

        Assert.Equal(LeadTier.C, outside.Tier);
        Assert.Equal(LeadTier.A, unknown.Tier);
        Assert.Equal(outside.Points + (Demo.InArea / 2), unknown.Points);
    }

    [Fact]
    public void Out_of_the_area_keeps_its_points_for_the_record()
    {
        var score = new LeadScorer(Demo).Score(new LeadSignals(N, Y, Y, Y));

        Assert.Equal(new LeadScore(60, LeadTier.C), score);
    }

    [Theory]
    [InlineData("2026-12-01T10:00", "2026-12-01T09:00", Signal.Yes)]    // today, even an hour earlier than now
    [InlineData("2026-12-01T10:00", "2026-12-02T08:00", Signal.Yes)]
    [InlineData("2026-12-01T10:00", "2026-12-31T23:59", Signal.Yes)]    // the 30th day: the timeline's edge, whatever the hour
    [InlineData("2026-12-01T23:59", "2026-12-31T00:00", Signal.Yes)]
    [InlineData("2026-12-01T00:00", "2027-01-01T00:00", Signal.No)]     // the 31st day
    [InlineData("2026-12-01T10:00", "2027-03-01T10:00", Signal.No)]
    public void A_wanted_day_is_soon_up_to_and_including_the_last_day_of_the_timeline(string today, string wanted, Signal soon)
    {
        var scorer = new LeadScorer(Demo);

        Assert.Equal(soon, scorer.Soon(Parse(wanted), Parse(today)));
    }

    [Fact]
    public void The_timeline_length_is_the_owners()
    {
        var today = new DateTime(2026, 12, 1, 10, 0, 0);
        var week = new LeadScorer(Demo with { TimelineDays = 7 });

        Assert.Equal(Signal.Yes, week.Soon(today.AddDays(7), today));
        Assert.Equal(Signal.No, week.Soon(today.AddDays(8), today));
        Assert.Equal(Signal.Yes, new LeadScorer(Demo).Soon(today.AddDays(8), today));
    }

    private static DateTime Parse(string value) => DateTime.ParseExact(value, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
