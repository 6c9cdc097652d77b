using BenchmarkDotNet.Attributes;
using Staffono.Skills.Business;
using Staffono.Skills.Leads;

namespace Staffono.Bench.Skills;

/// <summary>
/// What the leads workflow pays on every answer (the budget: ≤ 100 µs median for an estimate and a score
/// together): the demo cleaning formula on a complete job (one figure) and on a partial one (a range over the typical
/// values), the lead score by the demo weights, and both at once as the quote step runs them.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LeadsBenchmarks
{
    private CleaningFormula _formula = null!;
    private LeadScorer _scorer = null!;
    private CleaningJob _complete = null!;
    private CleaningJob _partial = null!;
    private LeadSignals _signals;

    [GlobalSetup]
    public void Setup()
    {
        var setup = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml")).Leads
            ?? throw new InvalidOperationException("The demo profile names no leads file.");
        _formula = setup.Cleaning;
        _scorer = new LeadScorer(setup.Scoring);

        // «двушка 54 м², 1 санузел, раз в неделю, помыть окна и духовку»; and the first answer of another: a flat, windows.
        _complete = new CleaningJob(Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly, new HashSet<CleaningExtra> { CleaningExtra.Windows, CleaningExtra.Oven });
        _partial = new CleaningJob(Premises.Flat, null, null, null, null, new HashSet<CleaningExtra> { CleaningExtra.Windows });
        _signals = new LeadSignals(Signal.Yes, Signal.Yes, Signal.Unknown, Signal.Unknown);
    }

    [Benchmark]
    public CleaningEstimate Estimate_complete_job() => _formula.Estimate(_complete);

    [Benchmark]
    public CleaningEstimate Estimate_partial_job() => _formula.Estimate(_partial);

    [Benchmark]
    public LeadScore Score_lead() => _scorer.Score(_signals);

    [Benchmark]
    public (CleaningEstimate Estimate, LeadScore Score) Estimate_and_score() => (_formula.Estimate(_partial), _scorer.Score(_signals));
}
