using System.Globalization;
using System.Text.RegularExpressions;
using Staffono.Skills.Analytics;

namespace Staffono.Dialogs.Support;

/// <summary>
/// The support KPIs the owner reads (issue 12, WORKFLOWS.md §3, §4, §8), computed from the outcome events the
/// workflows record: the share each workflow resolved without a person, contacts per order, time to RMA,
/// refund cycle time, the share of disputed returns, and the questions nobody could answer — the owner's
/// list of what to add to the FAQ.
/// </summary>
public sealed record SupportReport(
    IReadOnlyDictionary<string, WorkflowResolution> Workflows,
    double? ContactsPerOrder,
    int RepeatContacts,
    double? MedianSecondsToRma,
    double? MedianRefundCycleSeconds,
    double? DisputedReturnsShare,
    IReadOnlyList<UnansweredQuestion> Unanswered)
{
    public static IReadOnlyList<string> WorkflowNames { get; } = [OrderStatusWorkflow.WorkflowName, ReturnsWorkflow.WorkflowName, SupportWorkflow.WorkflowName];

    private static readonly Regex Seconds = new(@"; (\d+) s$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public static SupportReport Of(IReadOnlyList<(OutcomeEvent Event, string? Detail)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var workflows = WorkflowNames.ToDictionary(name => name, name =>
        {
            var kinds = events.Where(e => e.Event.Workflow == name).Select(e => e.Event.Kind).ToList();
            int Count(params string[] any) => kinds.Count(k => any.Contains(k));
            var resolved = Count("resolved", "rma_created");
            var person = Count(OutcomeKinds.HandedOff);
            var unresolved = Count("not_resolved", "declined");
            var ended = resolved + person + unresolved;
            return new WorkflowResolution(Count(OutcomeKinds.Started), resolved, person, unresolved, ended == 0 ? null : (double)resolved / ended);
        });

        var verified = events.Where(e => e.Event.Workflow == OrderStatusWorkflow.WorkflowName && e.Event.Kind == "verified" && e.Detail is not null).ToList();
        var orders = verified.Select(e => e.Detail).Distinct(StringComparer.Ordinal).Count();
        var returns = events.Where(e => e.Event.Workflow == ReturnsWorkflow.WorkflowName).ToList();
        var decided = returns.Count(e => e.Event.Kind is "rma_created" or "not_eligible" or "person_decides");
        var disputed = returns.Count(e => e.Event.Kind == "disputed");
        var unanswered = events.Where(e => e.Event.Workflow == SupportWorkflow.WorkflowName && e.Event.Kind == "unanswered" && !string.IsNullOrWhiteSpace(e.Detail))
            .GroupBy(e => e.Detail!.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => new UnansweredQuestion(g.Last().Detail!.Trim(), g.Count(), g.Max(e => e.Event.At)))
            .OrderByDescending(q => q.Times).ThenByDescending(q => q.Last)
            .ToList();

        return new SupportReport(
            workflows,
            orders == 0 ? null : (double)verified.Count / orders,
            events.Count(e => e.Event.Workflow == OrderStatusWorkflow.WorkflowName && e.Event.Kind == "repeat_contact"),
            Median(returns.Where(e => e.Event.Kind == "rma_created").Select(e => e.Detail)),
            Median(returns.Where(e => e.Event.Kind == "refund_completed").Select(e => e.Detail)),
            decided == 0 ? null : (double)disputed / decided,
            unanswered);
    }

    /// <summary>The median of the "; N s" durations the details end with.</summary>
    private static double? Median(IEnumerable<string?> details)
    {
        var values = details.Select(d => d is null ? null : Seconds.Match(d) is { Success: true } m ? (double?)double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null)
            .OfType<double>().Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}

/// <summary>How one workflow's conversations ended: resolved by the bot, by a person, or not at all.</summary>
/// <param name="ResolvedShare">Resolved without a person, of those that ended; null before any did.</param>
public sealed record WorkflowResolution(int Started, int Resolved, int HandedOff, int Unresolved, double? ResolvedShare);

/// <summary>A question the knowledge base could not answer, how often it was asked, and when last.</summary>
public sealed record UnansweredQuestion(string Question, int Times, DateTimeOffset Last);
