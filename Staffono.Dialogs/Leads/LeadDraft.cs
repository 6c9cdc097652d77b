using Staffono.Skills.Leads;

namespace Staffono.Dialogs.Leads;

/// <summary>What the lead told so far, carried from step to step and from one waterfall of the dialog to the next.</summary>
/// <param name="Lead">The CRM record's id, once the first answer created it.</param>
/// <param name="Days">How soon they want it, in days from today.</param>
/// <param name="Asked">How many questions the bot has asked, so it stops at the limit.</param>
public sealed record LeadDraft(
    string Project,
    string? Lead = null,
    Signal InArea = Signal.Unknown,
    string? Place = null,
    int? Days = null,
    decimal? Budget = null,
    bool BudgetSkipped = false,
    Signal DecisionMaker = Signal.Unknown,
    string? Phone = null,
    string? Email = null,
    string? Scope = null,
    int Asked = 0)
{
    /// <summary>This draft with what <paramref name="text"/> says on top; a later answer wins.</summary>
    public LeadDraft Read(string text, LeadsServices leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var (inArea, place) = LeadAnswers.Place(leads.Setup.Area, text);
        var decision = LeadAnswers.DecisionMaker(text);
        return this with
        {
            InArea = inArea == Signal.Unknown ? InArea : inArea,
            Place = place ?? Place,
            Days = LeadAnswers.DaysUntil(text, leads.LocalNow.Date, leads.Dates) ?? Days,
            Budget = LeadAnswers.Budget(text) ?? Budget,
            DecisionMaker = decision == Signal.Unknown ? DecisionMaker : decision,
            Phone = LeadAnswers.Phone(text) ?? Phone,
            Email = LeadAnswers.Email(text) ?? Email,
        };
    }

    /// <summary>The four signals the scorer weighs.</summary>
    public LeadSignals Signals(LeadsServices leads, LeadProject project)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(project);
        var today = leads.LocalNow.Date;
        var soon = Days is { } days ? leads.Scorer.Soon(today.AddDays(days), today) : Signal.Unknown;
        var fits = Budget is { } budget ? (budget >= project.MinBudget ? Signal.Yes : Signal.No) : Signal.Unknown;
        return new LeadSignals(InArea, soon, fits, DecisionMaker);
    }

    /// <summary>The answers as the CRM keeps them: only what is known.</summary>
    public Dictionary<string, string> Answers()
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal) { ["project"] = Project };
        Add(answers, "location", Place);
        Add(answers, "timeline_days", Days?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(answers, "budget", Budget?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(answers, "decision_maker", DecisionMaker == Signal.Unknown ? null : (DecisionMaker == Signal.Yes ? "yes" : "no"));
        Add(answers, "scope", Scope);
        return answers;
    }

    private static void Add(Dictionary<string, string> answers, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            answers[key] = value;
        }
    }
}
