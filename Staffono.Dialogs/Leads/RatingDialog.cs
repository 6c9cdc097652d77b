using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Leads;

namespace Staffono.Dialogs.Leads;

/// <summary>
/// After the job: the customer's stars (a button under the after-job message), recorded with the lead, and an offer of a
/// regular cleaning at the owner's discount. A yes is recorded in the CRM for the manager to set the schedule.
/// </summary>
public sealed class RatingDialog : WorkflowDialog
{
    public const string DialogId = "leads.rating";
    private const string Choose = DialogId + ".choice";
    private const string None = "none";
    private readonly LeadsServices _leads;

    public RatingDialog(LeadsServices leads, WorkflowServices services)
        : base(DialogId, LeadsWorkflow.WorkflowName, services, measured: false)
    {
        _leads = leads;
        AddDialog(new ChoicePrompt(Choose));
        AddDialog(new WaterfallDialog(DialogId + ".steps", [OfferPlanAsync, RecordPlanAsync]));
        InitialDialogId = DialogId + ".steps";
    }

    public static IReadOnlyList<int> Stars { get; } = [5, 4, 3, 2, 1];

    public static string StarsKey(int stars) => $"quote.stars_{stars}";

    /// <summary>The options: the stars given.</summary>
    private async Task<DialogTurnResult> OfferPlanAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var stars = step.GetOptions<int>();
        step.SetValue("stars", stars);
        var language = step.Language;
        await RecordProgressAsync(step, "rated", stars.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        if (await LeadAsync(step, ct) is { } lead)
        {
            await _leads.Crm.SaveAsync(new LeadChange(lead.Contact, lead.Source, $"rated the job {stars} of 5", Answers: new Dictionary<string, string> { ["rating"] = stars.ToString(System.Globalization.CultureInfo.InvariantCulture) }), Services.Grant, ct);
        }

        var thanks = Texts.Get(language, stars >= 4 ? "quote.rated_good" : "quote.rated_bad");
        var discounts = _leads.Setup.Cleaning.FrequencyDiscountPercent;
        var choices = discounts.Where(d => d.Value > 0).OrderByDescending(d => d.Value)
            .Select(d => new Choice(d.Key.ToString()) { Title = Texts.Get(language, "quote.plan_" + d.Key.ToString().ToLowerInvariant(), d.Value) }).ToList();
        choices.Add(new Choice(None) { Title = Texts.Get(language, "quote.plan_none") });
        return await step.PromptAsync(Choose, new PromptOptions { Prompt = new LogicalReply(thanks + "\n" + Texts.Get(language, "quote.offer_plan")), Choices = choices }, ct);
    }

    private async Task<DialogTurnResult> RecordPlanAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var plan = ((FoundChoice)step.Result!).Value;
        if (plan != None && await LeadAsync(step, ct) is { } lead)
        {
            await _leads.Crm.SaveAsync(new LeadChange(lead.Contact, lead.Source, $"wants a regular cleaning: {plan.ToLowerInvariant()}", Answers: new Dictionary<string, string> { ["recurring_plan"] = plan.ToLowerInvariant() }), Services.Grant, ct);
        }

        await step.Context.SendActivityAsync(Texts.Get(step.Language, plan == None ? "quote.plan_declined" : "quote.plan_accepted"), cancellationToken: ct);
        await RecordOutcomeAsync(step, "recurring_plan", plan.ToLowerInvariant(), ct);
        return await step.EndDialogAsync(null, ct);
    }

    private Task<Lead?> LeadAsync(WaterfallStepContext step, CancellationToken ct) =>
        _leads.Leads.FindByContactAsync(new LeadContact(null, null, null, CustomerOf(step).Key), ct);
}
