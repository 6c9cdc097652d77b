using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Runtime.Channels;
using Staffono.Skills.Calendar;
using Staffono.Skills.Handoff;
using Staffono.Skills.Leads;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Leads;

/// <summary>
/// Qualification: where and when first (one message, two questions), then — once the lead has answered — the budget,
/// never required, and who decides. Then the score, and the tier's route: A meets a manager now, B sees past work and is
/// asked one thing, C is declined with a partner to go to.
/// </summary>
public sealed partial class LeadDialog
{
    private const string QualifyAsk = DialogId + ".qualify";
    private const string TierA = DialogId + ".tier_a";
    private const string TierB = DialogId + ".tier_b";
    private const string ContactPrompt = DialogId + ".contact";
    private const string OtherTime = "other";

    private void AddQualifySteps()
    {
        AddDialog(new WaterfallDialog(QualifyAsk, [AskNextAsync, ReadAnswerAsync]));
        AddDialog(new WaterfallDialog(TierA, [OfferMeetingAsync, BookMeetingAsync, ConfirmMeetingAsync]));
        AddDialog(new WaterfallDialog(TierB, [ShowExamplesAsync, ThankAsync]));
    }

    /// <summary>The next question the lead has not been asked, or, when none is left, the tier's route.</summary>
    private async Task<DialogTurnResult> AskNextAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<LeadDraft>()!;
        step.SetValue("draft", draft);
        var language = step.Language;
        string? question = null;
        var asked = draft.Asked;
        if (draft.InArea == Signal.No)
        {
            return await RouteByTierAsync(step, draft, ct);
        }

        if (asked == 0 && (draft.Place is null || draft.Days is null))
        {
            question = Texts.Get(language, draft.Place is null && draft.Days is null ? "leads.ask_place_and_time" : draft.Place is null ? "leads.ask_place" : "leads.ask_time");
            asked = 1;
        }
        else if (asked <= 1 && (draft.Budget is null && !draft.BudgetSkipped || draft.DecisionMaker == Signal.Unknown) && Engaged(draft))
        {
            // The lead answered: now the two that sharpen the score, both skippable.
            question = Texts.Get(language, draft.Budget is null && !draft.BudgetSkipped ? (draft.DecisionMaker == Signal.Unknown ? "leads.ask_budget_and_role" : "leads.ask_budget") : "leads.ask_role");
            asked = 2;
        }

        if (question is null)
        {
            return await RouteByTierAsync(step, draft, ct);
        }

        step.SetValue("draft", draft with { Asked = asked });
        await _nudges.ScheduleAsync(step.Context, draft.Lead!, ProjectName(draft, language), language, ct);
        var skip = asked == 2 ? [new ReplyChoice(Texts.Get(language, "leads.skip"))] : Array.Empty<ReplyChoice>();
        return await step.PromptAsync(Answer, new PromptOptions { Prompt = new LogicalReply(question) { Choices = skip } }, ct);
    }

    /// <summary>Whatever the answer says is kept; a «пропустить» skips the budget, which is never required.</summary>
    private async Task<DialogTurnResult> ReadAnswerAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var text = (string)step.Result!;
        var draft = step.GetValue<LeadDraft>("draft")!.Read(text, _leads);
        if (draft.Asked == 2 && draft.Budget is null)
        {
            draft = draft with { BudgetSkipped = true };
        }

        await SaveAsync(step, draft, $"answered: «{text}»", ct);
        return await step.Dialog.ReplaceDialogAsync(QualifyAsk, draft, ct);
    }

    /// <summary>The lead said something the first questions wanted: worth asking more.</summary>
    private static bool Engaged(LeadDraft draft) => draft.Place is not null || draft.Days is not null;

    private async Task<DialogTurnResult> RouteByTierAsync(WaterfallStepContext step, LeadDraft draft, CancellationToken ct)
    {
        var project = _leads.Setup.Projects.First(p => p.Id == draft.Project);
        var score = _leads.Scorer.Score(draft.Signals(_leads, project));
        var language = step.Language;
        var summary = Summary(draft, project, score);
        // "key fields 4/5": the share of leads with their key fields filled is a KPI, read from these events.
        var keyFields = new object?[] { draft.Place, draft.Days, draft.Budget, draft.DecisionMaker == Signal.Unknown ? null : draft.DecisionMaker, draft.Phone ?? draft.Email ?? CustomerOf(step).Phone }.Count(f => f is not null);
        await RecordProgressAsync(step, "tier_" + score.Tier.ToString().ToLowerInvariant(), $"{score.Points} points; key fields {keyFields}/5; {summary}", ct);
        switch (score.Tier)
        {
            case LeadTier.A:
                await SaveAsync(step, draft, $"qualified: tier A, {score.Points} points", ct, LeadTier.A, score.Points, LeadStage.Qualified, summary);
                return await step.Dialog.ReplaceDialogAsync(TierA, draft, ct);
            case LeadTier.B:
                await SaveAsync(step, draft, $"qualified: tier B, {score.Points} points", ct, LeadTier.B, score.Points, LeadStage.Qualified, summary);
                return await step.Dialog.ReplaceDialogAsync(TierB, draft, ct);
            default:
                await SaveAsync(step, draft, $"tier C, {score.Points} points: declined" + (draft.InArea == Signal.No ? " (out of the area)" : string.Empty), ct, LeadTier.C, score.Points, LeadStage.Lost, summary);
                await _nudges.CancelAsync(draft.Lead!, ct);
                await step.Context.SendActivityAsync(Texts.Get(language, draft.InArea == Signal.No ? "leads.decline_area" : "leads.decline") + " " + _leads.Setup.Partner.In(language), cancellationToken: ct);
                await RecordOutcomeAsync(step, "declined", $"tier C, {score.Points} points", ct);
                return await step.EndDialogAsync(null, ct);
        }
    }

    /// <summary>Tier A: two or three times for a call or a site visit, right away.</summary>
    private async Task<DialogTurnResult> OfferMeetingAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<LeadDraft>()!;
        step.SetValue("draft", draft);
        var language = step.Language;
        var now = _leads.LocalNow;
        var offer = await _leads.Line.FindSlotsAsync(_leads.Setup.MeetingServiceId, null, new DateTimeResolution(now, DateTimeGranularity.Day), CustomerOf(step).Key, cancellationToken: ct);
        var slots = offer.Slots.Count > 0 ? offer.Slots : (await _leads.Line.FindSlotsAsync(_leads.Setup.MeetingServiceId, null, new DateTimeResolution(now.Date.AddDays(1), DateTimeGranularity.Week), CustomerOf(step).Key, cancellationToken: ct)).Slots;
        if (slots.Count == 0)
        {
            return await HotLeadAsync(step, draft, Texts.Get(language, "leads.no_meeting_slots"), "tier A lead; no free time for a visit within the horizon", ct);
        }

        step.SetValue("slots", slots.ToList());
        await RecordProgressAsync(step, "slots_offered", string.Join(" ", slots.Select(s => s.Start.ToString("s", System.Globalization.CultureInfo.InvariantCulture))), ct);
        await _nudges.ScheduleAsync(step.Context, draft.Lead!, ProjectName(draft, language), language, ct);
        var meeting = MeetingName(language);
        var choices = slots.Select((s, i) => new Choice("slot" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Title = When(language, s.Start) }).ToList();
        choices.Add(new Choice(OtherTime) { Title = Texts.Get(language, "leads.other_time") });
        return await step.PromptAsync(Choose, new PromptOptions { Prompt = new LogicalReply(Texts.Get(language, "leads.offer_meeting", meeting)), Choices = choices }, ct);
    }

    private async Task<DialogTurnResult> BookMeetingAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetValue<LeadDraft>("draft")!;
        var chosen = ((FoundChoice)step.Result!).Value;
        if (chosen == OtherTime)
        {
            return await HotLeadAsync(step, draft, Texts.Get(step.Language, "leads.manager_will_call"), "tier A lead wants another time for the visit", ct);
        }

        var slot = step.GetValue<List<Slot>>("slots")![int.Parse(chosen["slot".Length..], System.Globalization.CultureInfo.InvariantCulture)];
        var booking = await _leads.Line.BookAsync(slot, CustomerOf(step), null, Services.Grant, ct);
        if (booking is null)
        {
            await step.Context.SendActivityAsync(Texts.Get(step.Language, "leads.slot_taken"), cancellationToken: ct);
            return await step.Dialog.ReplaceDialogAsync(TierA, draft, ct);
        }

        step.SetValue("booking", booking.Id);
        step.SetValue("start", slot.Start);
        if (draft.Phone is not null || draft.Email is not null || CustomerOf(step).Phone is not null)
        {
            return await step.NextAsync(null, ct);
        }

        return await step.PromptAsync(ContactPrompt, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "leads.ask_contact")),
            RetryPrompt = new LogicalReply(Texts.Get(step.Language, "leads.contact_retry")),
        }, ct);
    }

    private async Task<DialogTurnResult> ConfirmMeetingAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetValue<LeadDraft>("draft")!;
        if (step.Result is string contact)
        {
            draft = draft with { Phone = LeadAnswers.Phone(contact) ?? draft.Phone, Email = LeadAnswers.Email(contact) ?? draft.Email };
        }

        var language = step.Language;
        var start = step.GetValue<DateTime>("start");
        var meeting = MeetingName(language);
        await SaveAsync(step, draft, $"{meeting} booked for {start:yyyy-MM-dd HH:mm}", ct, stage: LeadStage.MeetingBooked);
        await _nudges.CancelAsync(draft.Lead!, ct);
        await RecordOutcomeAsync(step, "meeting_booked", step.GetValue<string>("booking"), ct);
        return await HotLeadAsync(step, draft, Texts.Get(language, "leads.meeting_booked", meeting, When(language, start)), $"hot lead: {meeting} booked for {start:yyyy-MM-dd HH:mm}", ct);
    }

    /// <summary>A manager hears of a Tier A lead at once, through the handoff seam, with the answers and the summary.</summary>
    private async Task<DialogTurnResult> HotLeadAsync(WaterfallStepContext step, LeadDraft draft, string toCustomer, string reason, CancellationToken ct)
    {
        await step.Context.SendActivityAsync(toCustomer, cancellationToken: ct);
        var project = _leads.Setup.Projects.First(p => p.Id == draft.Project);
        var score = _leads.Scorer.Score(draft.Signals(_leads, project));
        var fields = draft.Answers();
        fields["lead"] = draft.Lead!;
        fields["tier"] = $"A ({score.Points})";
        fields["summary"] = Summary(draft, project, score);
        if ((draft.Phone ?? draft.Email) is { } contact)
        {
            fields["contact"] = contact;
        }

        return await HandOffAsync(step, reason, fields, ct, HandoffPriority.High);
    }

    /// <summary>Tier B: what we did before, and the one thing that would make the estimate exact.</summary>
    private async Task<DialogTurnResult> ShowExamplesAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<LeadDraft>()!;
        step.SetValue("draft", draft);
        var language = step.Language;
        var project = _leads.Setup.Projects.First(p => p.Id == draft.Project);
        var examples = string.Join("\n", project.Examples.Select(e => "• " + e.In(language)));
        await _nudges.ScheduleAsync(step.Context, draft.Lead!, ProjectName(draft, language), language, ct);
        var text = (examples.Length > 0 ? Texts.Get(language, "leads.examples") + "\n" + examples + "\n" : string.Empty) + Texts.Get(language, "leads.ask_scope");
        return await step.PromptAsync(Answer, new PromptOptions { Prompt = new LogicalReply(text) }, ct);
    }

    private async Task<DialogTurnResult> ThankAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetValue<LeadDraft>("draft")!.Read((string)step.Result!, _leads) with { Scope = (string)step.Result! };
        await SaveAsync(step, draft, "described the work", ct);
        await _nudges.CancelAsync(draft.Lead!, ct);
        await step.Context.SendActivityAsync(Texts.Get(step.Language, "leads.thanks_b"), cancellationToken: ct);
        await RecordOutcomeAsync(step, "qualified", "tier B", ct);
        return await step.EndDialogAsync(null, ct);
    }

    private static Task<bool> ContactValidatorAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken) =>
        Task.FromResult(prompt.Recognized.Succeeded && (LeadAnswers.Phone(prompt.Recognized.Value!) is not null || LeadAnswers.Email(prompt.Recognized.Value!) is not null));

    /// <summary>"выезд мастера на замер", to sit inside a sentence.</summary>
    private string MeetingName(string language)
    {
        var name = _leads.Setup.Line.Services.First(s => s.Id == _leads.Setup.MeetingServiceId).Name.In(language);
        return char.ToLower(name[0], System.Globalization.CultureInfo.InvariantCulture) + name[1..];
    }

    private string ProjectName(LeadDraft draft, string language) =>
        _leads.Setup.Projects.FirstOrDefault(p => p.Id == draft.Project)?.Name.In(language).ToLowerInvariant() ?? draft.Project;

    /// <summary>One line a manager reads first: what, where, when, budget, who decides, the tier.</summary>
    private static string Summary(LeadDraft draft, LeadProject project, LeadScore score) =>
        $"{project.Name.En}; place: {draft.Place ?? "?"}; in {(draft.Days is { } d ? d + " days" : "?")}; budget: {(draft.Budget is { } b ? b.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "not given")}; "
        + $"decides: {draft.DecisionMaker switch { Signal.Yes => "yes", Signal.No => "no", _ => "?" }}; tier {score.Tier} ({score.Points})";
}
