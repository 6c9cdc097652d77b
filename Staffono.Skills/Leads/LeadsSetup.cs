using Staffono.Skills.Business;

namespace Staffono.Skills.Leads;

/// <summary>
/// How the business qualifies leads and quotes its home services, as its owner configures it in the leads file
/// the profile names (<c>leads: demo-leads.yaml</c>). Nothing here is code: the service area, the weights and
/// the tier thresholds, the projects and their price ranges, and the cleaning price formula are all the owner's.
/// </summary>
/// <param name="Line">The home-services line as a business of its own: its time zone, the manager's calls and site visits and the crews' jobs, in the same calendar.</param>
/// <param name="Currency">The currency of every amount in the file.</param>
/// <param name="Area">Where the business works.</param>
/// <param name="Scoring">How a lead's answers become a score and a tier.</param>
/// <param name="Projects">What a lead may ask about, with price ranges and what drives the final number.</param>
/// <param name="Cleaning">The price formula of the cleaning project, quoted instantly.</param>
/// <param name="MeetingServiceId">The line's service offered to Tier A leads as a call or a site visit.</param>
/// <param name="Partner">Told to a Tier C lead: where else to go.</param>
public sealed record LeadsSetup(
    BusinessProfile Line,
    string Currency,
    ServiceArea Area,
    LeadScoring Scoring,
    IReadOnlyList<LeadProject> Projects,
    CleaningFormula Cleaning,
    string MeetingServiceId,
    LocalizedText Partner)
{
    /// <summary>The project whose id or one of whose words the text names, if any.</summary>
    public LeadProject? ProjectIn(string text)
    {
        var words = LeadText.Words(text);
        return Projects.FirstOrDefault(p => words.Any(w => p.Matches(w)));
    }
}

/// <summary>The cities and districts the business works in; anything else is out of area.</summary>
public sealed record ServiceArea(IReadOnlyList<string> Places)
{
    /// <summary>The place of the area the text names ("Химки", "в Москве"), or null.</summary>
    public string? PlaceIn(string text)
    {
        var words = LeadText.Words(text);
        return Places.FirstOrDefault(place => LeadText.Words(place).All(p => words.Any(w => LeadText.SameWord(w, p))));
    }
}

/// <summary>
/// Weights of the four signals and the thresholds of the tiers. A signal met scores its weight, unknown half of it,
/// missed nothing; a lead out of the area is Tier C whatever it scores.
/// </summary>
public sealed record LeadScoring(int InArea, int Timeline, int TimelineDays, int BudgetFits, int DecisionMaker, int TierA, int TierB);

/// <summary>A kind of work a lead may ask about: its price range, what drives the final number, examples of past work.</summary>
/// <param name="Quote">True for the project quoted by the price formula (cleaning); false for one qualified and met first (repairs).</param>
/// <param name="MinBudget">The smallest budget the business takes this work for; a lower one does not fit.</param>
public sealed record LeadProject(string Id, LocalizedText Name, IReadOnlyList<string> Words, decimal PriceFrom, decimal PriceTo, LocalizedText Drivers, decimal MinBudget, IReadOnlyList<LocalizedText> Examples, bool Quote)
{
    public bool Matches(string word) => Words.Any(w => LeadText.SameWord(word, w));
}
