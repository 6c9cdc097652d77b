using Staffono.Skills.Business;
using Staffono.Skills.Leads;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Leads;

/// <summary>
/// The cleaning price formula: (base + per m² · area + per room · rooms + per bathroom · bathrooms + extras) · the premises'
/// multiplier · (100 − the frequency's discount) / 100, rounded to 100 away from zero. A job with everything known is one
/// figure; a gap is taken over its typical range (or, for the premises and the frequency, over the cheapest and dearest
/// values), and the estimate names exactly the gaps. Each expected figure below is worked out by hand in its comment.
/// </summary>
public sealed class CleaningFormulaTests
{
    /// <summary>The demo leads file's formula, as the profile loads it.</summary>
    private static readonly CleaningFormula Demo =
        BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml")).Leads!.Cleaning;

    /// <summary>
    /// A formula of the test's own: a premises multiplier below 1 (flat 0.9) and one above (house 1.5), an office not
    /// listed at all, and discounts of 0, 5 and 25 per cent.
    /// </summary>
    private static readonly CleaningFormula Own = new(
        Base: 1000m,
        PerSquareMetre: 50m,
        PerRoom: 300m,
        PerBathroom: 500m,
        Extras: new Dictionary<CleaningExtra, decimal> { [CleaningExtra.Windows] = 1000m, [CleaningExtra.Oven] = 700m },
        PremisesFactor: new Dictionary<Premises, decimal> { [Premises.Flat] = 0.9m, [Premises.House] = 1.5m },
        FrequencyDiscountPercent: new Dictionary<CleaningFrequency, decimal>
        {
            [CleaningFrequency.Once] = 0m,
            [CleaningFrequency.Monthly] = 5m,
            [CleaningFrequency.Weekly] = 25m,
        },
        TypicalArea: (20, 100),
        TypicalRooms: (1, 3),
        TypicalBathrooms: (1, 2),
        Deposit: 500m,
        JobServiceId: "cleaning");

    private static CleaningJob Job(Premises? premises, int? area, int? rooms, int? bathrooms, CleaningFrequency? frequency, params CleaningExtra[] extras) =>
        new(premises, area, rooms, bathrooms, frequency, new HashSet<CleaningExtra>(extras));

    [Fact]
    public void The_demo_formula_holds_the_numbers_of_the_leads_file()
    {
        Assert.Equal((1500m, 45m, 400m, 600m), (Demo.Base, Demo.PerSquareMetre, Demo.PerRoom, Demo.PerBathroom));
        Assert.Equal((1500m, 800m, 3500m), (Demo.Extras[CleaningExtra.Windows], Demo.Extras[CleaningExtra.Oven], Demo.Extras[CleaningExtra.DeepClean]));
        Assert.Equal((1.0m, 1.2m, 1.1m), (Demo.PremisesFactor[Premises.Flat], Demo.PremisesFactor[Premises.House], Demo.PremisesFactor[Premises.Office]));
        Assert.Equal((0m, 10m, 20m), (Demo.FrequencyDiscountPercent[CleaningFrequency.Once], Demo.FrequencyDiscountPercent[CleaningFrequency.Monthly], Demo.FrequencyDiscountPercent[CleaningFrequency.Weekly]));
        Assert.Equal(((30, 120), (1, 4), (1, 2)), (Demo.TypicalArea, Demo.TypicalRooms, Demo.TypicalBathrooms));
        Assert.Equal((1000m, "cleaning", 100m), (Demo.Deposit, Demo.JobServiceId, Demo.Rounding));
    }

    [Fact]
    public void A_complete_demo_job_is_one_exact_figure()
    {
        // A 54 m² two-room flat, one bathroom, weekly, with windows:
        // (1500 + 45·54 + 400·2 + 600·1 + 1500) · 1.0 · 80 / 100 = 6830 · 0.8 = 5464 → 5500.
        var estimate = Demo.Estimate(Job(Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly, CleaningExtra.Windows));

        Assert.True(estimate.Exact);
        Assert.Equal(CleaningFactor.None, estimate.Missing);
        Assert.Equal(5500m, estimate.From);
        Assert.Equal(estimate.From, estimate.To);
    }

    [Fact]
    public void The_demo_files_own_example_comes_out_at_the_price_it_quotes()
    {
        // "Weekly upkeep of a 54 m² two-room flat — 4,300 ₽ a visit": (1500 + 2430 + 800 + 600) · 0.8 = 4264 → 4300.
        var estimate = Demo.Estimate(Job(Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly));

        Assert.Equal((4300m, 4300m, true), (estimate.From, estimate.To, estimate.Exact));
    }

    [Theory]
    // A house of 120 m², 3 rooms, 2 bathrooms, monthly, oven: (1500 + 5400 + 1200 + 1200 + 800) · 1.2 · 0.9 = 10908 → 10900.
    [InlineData(Premises.House, 120, 3, 2, CleaningFrequency.Monthly, 10900)]
    // An office of 200 m², 1 room, 1 bathroom, once, oven: (1500 + 9000 + 400 + 600 + 800) · 1.1 · 1.0 = 13530 → 13500.
    [InlineData(Premises.Office, 200, 1, 1, CleaningFrequency.Once, 13500)]
    // A studio flat of 25 m², monthly, oven: (1500 + 1125 + 400 + 600 + 800) · 1.0 · 0.9 = 3982.5 → 4000.
    [InlineData(Premises.Flat, 25, 1, 1, CleaningFrequency.Monthly, 4000)]
    public void Each_premises_and_frequency_apply_their_multiplier_and_discount(Premises premises, int area, int rooms, int bathrooms, CleaningFrequency frequency, int expected)
    {
        var estimate = Demo.Estimate(Job(premises, area, rooms, bathrooms, frequency, CleaningExtra.Oven));

        Assert.True(estimate.Exact);
        Assert.Equal((expected, expected), ((int)estimate.From, (int)estimate.To));
    }

    [Fact]
    public void A_missing_area_is_a_range_over_the_typical_area_naming_only_the_area()
    {
        // Low at 30 m²: (1500 + 1350 + 800 + 600) · 0.8 = 3400; high at 120 m²: (1500 + 5400 + 800 + 600) · 0.8 = 6640 → 6600.
        var estimate = Demo.Estimate(Job(Premises.Flat, null, 2, 1, CleaningFrequency.Weekly));

        Assert.False(estimate.Exact);
        Assert.Equal(CleaningFactor.Area, estimate.Missing);
        Assert.Equal((3400m, 6600m), (estimate.From, estimate.To));
    }

    [Fact]
    public void A_missing_frequency_takes_the_biggest_discount_for_the_low_end_and_the_smallest_for_the_high_end()
    {
        // 1500 + 2430 + 800 + 600 = 5330: low with weekly's 20 % off = 4264 → 4300; high with once's 0 % = 5330 → 5300.
        var demo = Demo.Estimate(Job(Premises.Flat, 54, 2, 1, null));

        Assert.Equal(CleaningFactor.Frequency, demo.Missing);
        Assert.Equal((4300m, 5300m), (demo.From, demo.To));

        // Own formula, a flat (0.9) of 40 m², 1 room, 1 bathroom: (1000 + 2000 + 300 + 500) · 0.9 = 3420;
        // low with 25 % off = 2565 → 2600; high with 0 % = 3420 → 3400.
        var own = Own.Estimate(Job(Premises.Flat, 40, 1, 1, null));

        Assert.Equal(CleaningFactor.Frequency, own.Missing);
        Assert.Equal((2600m, 3400m), (own.From, own.To));
    }

    [Fact]
    public void Missing_premises_span_the_smallest_multiplier_up_to_the_largest_counting_one_as_the_floor_and_ceiling()
    {
        // Own formula: 40 m², 1 room, 1 bathroom, once = 3800; low · 0.9 (the flat) = 3420 → 3400; high · 1.5 (the house) = 5700.
        var own = Own.Estimate(Job(null, 40, 1, 1, CleaningFrequency.Once));

        Assert.Equal(CleaningFactor.Premises, own.Missing);
        Assert.Equal((3400m, 5700m), (own.From, own.To));

        // Demo: every multiplier is 1.0 or more, so the low end is 1.0: 5330 → 5300; high · 1.2 = 6396 → 6400.
        var demo = Demo.Estimate(Job(null, 54, 2, 1, CleaningFrequency.Once));

        Assert.Equal(CleaningFactor.Premises, demo.Missing);
        Assert.Equal((5300m, 6400m), (demo.From, demo.To));
    }

    [Fact]
    public void An_empty_job_is_the_widest_range_and_names_all_five_factors()
    {
        // Low: 30 m², 1 room, 1 bathroom, × 1.0, 20 % off: (1500 + 1350 + 400 + 600) · 0.8 = 3080 → 3100.
        // High: 120 m², 4 rooms, 2 bathrooms, × 1.2, 0 % off: (1500 + 5400 + 1600 + 1200) · 1.2 = 11640 → 11600.
        var estimate = Demo.Estimate(CleaningJob.Empty);

        Assert.Equal(CleaningFactor.Premises | CleaningFactor.Area | CleaningFactor.Rooms | CleaningFactor.Bathrooms | CleaningFactor.Frequency, estimate.Missing);
        Assert.Equal((3100m, 11600m), (estimate.From, estimate.To));
        Assert.False(estimate.Exact);
    }

    [Theory]
    // Rooms and bathrooms unknown in the own formula, a house (1.5) of 60 m², monthly (5 %):
    // low (1000 + 3000 + 300 + 500) · 1.5 · 0.95 = 6840 → 6800; high (1000 + 3000 + 900 + 1000) · 1.5 · 0.95 = 8407.5 → 8400.
    [InlineData(Premises.House, 60, null, null, CleaningFrequency.Monthly, CleaningFactor.Rooms | CleaningFactor.Bathrooms, 6800, 8400)]
    // Area and bathrooms unknown, a flat (0.9), 2 rooms, weekly (25 %):
    // low (1000 + 1000 + 600 + 500) · 0.9 · 0.75 = 2092.5 → 2100; high (1000 + 5000 + 600 + 1000) · 0.9 · 0.75 = 5130 → 5100.
    [InlineData(Premises.Flat, null, 2, null, CleaningFrequency.Weekly, CleaningFactor.Area | CleaningFactor.Bathrooms, 2100, 5100)]
    public void A_range_names_exactly_the_factors_not_known(Premises premises, int? area, int? rooms, int? bathrooms, CleaningFrequency frequency, CleaningFactor missing, int low, int high)
    {
        var estimate = Own.Estimate(Job(premises, area, rooms, bathrooms, frequency));

        Assert.Equal(missing, estimate.Missing);
        Assert.Equal((low, high), ((int)estimate.From, (int)estimate.To));
    }

    [Fact]
    public void Every_estimate_has_its_low_end_at_or_below_its_high_end()
    {
        Premises?[] premises = [null, Premises.Flat, Premises.House, Premises.Office];
        int?[] areas = [null, 10, 54, 300];
        int?[] counts = [null, 0, 2, 6];
        CleaningFrequency?[] frequencies = [null, CleaningFrequency.Once, CleaningFrequency.Monthly, CleaningFrequency.Weekly];
        var checkedJobs = 0;
        foreach (var formula in new[] { Demo, Own })
        {
            foreach (var p in premises)
            {
                foreach (var a in areas)
                {
                    foreach (var c in counts)
                    {
                        foreach (var f in frequencies)
                        {
                            var estimate = formula.Estimate(Job(p, a, c, c, f, CleaningExtra.Windows));
                            Assert.True(estimate.From <= estimate.To, $"{p}, {a} m², {c} rooms and bathrooms, {f}: {estimate.From} > {estimate.To}");
                            Assert.Equal(p is not null && a is not null && c is not null && f is not null, estimate.Exact);
                            if (estimate.Exact)
                            {
                                Assert.Equal(estimate.From, estimate.To);
                            }

                            checkedJobs++;
                        }
                    }
                }
            }
        }

        Assert.Equal(2 * 4 * 4 * 4 * 4, checkedJobs);
    }

    [Fact]
    public void Extras_add_their_price_before_the_multiplier_and_the_discount()
    {
        var plain = Demo.Estimate(Job(Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly));
        var oven = Demo.Estimate(Job(Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly, CleaningExtra.Oven));
        var all = Demo.Estimate(Job(Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly, CleaningExtra.Windows, CleaningExtra.Oven, CleaningExtra.DeepClean));

        // 5330 · 0.8 = 4264 → 4300; with the oven (5330 + 800) · 0.8 = 4904 → 4900; with all three (5330 + 5800) · 0.8 = 8904 → 8900.
        Assert.Equal(4300m, plain.From);
        Assert.Equal(4900m, oven.From);
        Assert.Equal(8900m, all.From);
        Assert.True(all.Exact);

        // A house (1.2) once: the extras are multiplied too: (5330 + 1500) · 1.2 = 8196 → 8200, against 5330 · 1.2 = 6396 → 6400.
        Assert.Equal(8200m, Demo.Estimate(Job(Premises.House, 54, 2, 1, CleaningFrequency.Once, CleaningExtra.Windows)).From);
        Assert.Equal(6400m, Demo.Estimate(Job(Premises.House, 54, 2, 1, CleaningFrequency.Once)).From);
    }

    [Fact]
    public void Extras_add_to_both_ends_of_a_range()
    {
        // Own formula, area unknown, a flat, 1 room, 1 bathroom, once, windows (+1000):
        // low (1000 + 1000 + 300 + 500 + 1000) · 0.9 = 3420 → 3400; high (1000 + 5000 + 300 + 500 + 1000) · 0.9 = 7020 → 7000.
        var estimate = Own.Estimate(Job(Premises.Flat, null, 1, 1, CleaningFrequency.Once, CleaningExtra.Windows));

        Assert.Equal(CleaningFactor.Area, estimate.Missing);
        Assert.Equal((3400m, 7000m), (estimate.From, estimate.To));
    }

    [Fact]
    public void An_extra_the_formula_does_not_price_and_premises_it_does_not_list_change_nothing()
    {
        // Own formula prices no deep clean and lists no office (a multiplier of 1):
        // (1000 + 2000 + 300 + 500) · 1 · 1.0 = 3800.
        var estimate = Own.Estimate(Job(Premises.Office, 40, 1, 1, CleaningFrequency.Once, CleaningExtra.DeepClean));

        Assert.Equal((3800m, 3800m, true), (estimate.From, estimate.To, estimate.Exact));
    }

    [Fact]
    public void An_exact_job_of_the_own_formula_is_worked_out_in_full()
    {
        // A house of 80 m², 3 rooms, 2 bathrooms, monthly, windows and oven:
        // (1000 + 50·80 + 300·3 + 500·2 + 1000 + 700) · 1.5 · 95 / 100 = 8600 · 1.425 = 12255 → 12300.
        var estimate = Own.Estimate(Job(Premises.House, 80, 3, 2, CleaningFrequency.Monthly, CleaningExtra.Windows, CleaningExtra.Oven));

        Assert.True(estimate.Exact);
        Assert.Equal((12300m, 12300m), (estimate.From, estimate.To));
    }

    [Theory]
    // Base alone (nothing else costs anything): 1050 is half-way, and goes up, not to the even 1000.
    [InlineData(1050, 100, 1100)]
    [InlineData(1049, 100, 1000)]
    [InlineData(1150, 100, 1200)]
    [InlineData(1250, 500, 1500)]
    [InlineData(1249, 500, 1000)]
    public void Amounts_round_to_the_rounding_step_with_halves_away_from_zero(int baseAmount, int rounding, int expected)
    {
        var formula = Own with
        {
            Base = baseAmount,
            PerSquareMetre = 0m,
            PerRoom = 0m,
            PerBathroom = 0m,
            PremisesFactor = new Dictionary<Premises, decimal>(),
            FrequencyDiscountPercent = new Dictionary<CleaningFrequency, decimal>(),
            Rounding = rounding,
        };

        var estimate = formula.Estimate(Job(Premises.Flat, 50, 2, 1, CleaningFrequency.Weekly));

        Assert.Equal((expected, expected), ((int)estimate.From, (int)estimate.To));
    }

    [Fact]
    public void Without_multipliers_or_discounts_a_missing_premises_or_frequency_changes_nothing_but_is_still_named()
    {
        var formula = Own with
        {
            PremisesFactor = new Dictionary<Premises, decimal>(),
            FrequencyDiscountPercent = new Dictionary<CleaningFrequency, decimal>(),
        };

        // (1000 + 2000 + 300 + 500) · 1 · 1 = 3800 at both ends.
        var estimate = formula.Estimate(Job(null, 40, 1, 1, null));

        Assert.Equal(CleaningFactor.Premises | CleaningFactor.Frequency, estimate.Missing);
        Assert.Equal((3800m, 3800m), (estimate.From, estimate.To));
        Assert.False(estimate.Exact);
    }

    [Fact]
    public void A_later_answer_fills_the_gaps_and_the_estimate_narrows_to_one_figure()
    {
        var first = CleaningJob.Empty.With(Job(Premises.Flat, 54, null, null, null, CleaningExtra.Windows));
        var second = first.With(Job(null, null, 2, 1, CleaningFrequency.Weekly, CleaningExtra.Oven));
        var wider = Demo.Estimate(first);
        var exact = Demo.Estimate(second);

        Assert.Equal(CleaningFactor.Rooms | CleaningFactor.Bathrooms | CleaningFactor.Frequency, wider.Missing);
        Assert.Equal([CleaningExtra.Windows, CleaningExtra.Oven], second.Extras.Order());
        Assert.Equal((Premises.Flat, 54), (second.Premises!.Value, second.AreaSquareMetres!.Value));

        // (1500 + 2430 + 800 + 600 + 1500 + 800) · 0.8 = 6104 → 6100, inside the wider range.
        Assert.True(exact.Exact);
        Assert.Equal(6100m, exact.From);
        Assert.InRange(exact.From, wider.From, wider.To);
    }
}
