using System.Globalization;
using Staffono.Dialogs.Booking;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Business;
using Staffono.Skills.Leads;

namespace Staffono.Dialogs.Leads;

/// <summary>
/// «Сколько стоит?» (WORKFLOWS.md §2 and §7). The first reply gives the price range and what drives it. A cleaning is then
/// quoted by the formula (<c>LeadDialog.Quote.cs</c>); other work is qualified (<c>LeadDialog.Qualify.cs</c>) with at most
/// two questions first and more only as the lead answers, scored by the owner's weights and routed by tier. A salon
/// service gets its price and a button to book it. Every lead lands in the CRM, and a lead who goes quiet is nudged.
/// </summary>
public sealed partial class LeadDialog : WorkflowDialog
{
    public const string DialogId = "leads.price";
    private const string Intro = DialogId + ".intro";
    private const string Choose = DialogId + ".choice";
    private const string Answer = DialogId + ".answer";
    private const string SalonChoice = "salon";
    private readonly LeadsServices _leads;
    private readonly LeadNudges _nudges;

    public LeadDialog(LeadsServices leads, LeadNudges nudges, WorkflowServices services)
        : base(DialogId, LeadsWorkflow.WorkflowName, services)
    {
        _leads = leads;
        _nudges = nudges;
        AddDialog(new ChoicePrompt(Choose));
        AddDialog(new TextPrompt(Answer));
        AddDialog(new TextPrompt(ContactPrompt, ContactValidatorAsync));
        AddDialog(new Support.PhotoPrompt(PhotosPrompt, leads.Attachments, leads.Photos));
        AddDialog(new WaterfallDialog(Intro, [WhatAsync, RouteAsync]));
        AddQualifySteps();
        AddQuoteSteps();
        InitialDialogId = Intro;
    }

    /// <summary>The options: the customer's first message. Which work is it about?</summary>
    private async Task<DialogTurnResult> WhatAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var text = step.GetOptions<string>() ?? step.Context.Activity.Text ?? string.Empty;
        step.SetValue("text", text);
        if (_leads.Setup.ProjectIn(text) is { } project)
        {
            return await step.NextAsync(new FoundChoice(project.Id, 0), ct);
        }

        if (ProfileMentions.ServiceIn(_leads.Profile, text) is not null)
        {
            return await step.NextAsync(new FoundChoice(SalonChoice, 0), ct);
        }

        var choices = _leads.Setup.Projects.Select(p => new Choice(p.Id) { Title = p.Name.In(step.Language) }).ToList();
        if (_leads.Profile.Services.Count > 0)
        {
            choices.Add(new Choice(SalonChoice) { Title = Texts.Get(step.Language, "leads.salon_services") });
        }

        // A typed answer («уборка дома 120 м²») is read like the first message rather than refused as no option.
        return await step.PromptAsync(Choose, new PromptOptions { Prompt = new LogicalReply(Texts.Get(step.Language, "leads.which")), Choices = choices, LetsOtherAnswersThrough = true }, ct);
    }

    private async Task<DialogTurnResult> RouteAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var text = step.GetValue<string>("text") ?? string.Empty;
        if (step.Result is OtherAnswer other)
        {
            return await step.Dialog.ReplaceDialogAsync(Intro, text + "\n" + other.Text, ct);
        }

        var chosen = ((FoundChoice)step.Result!).Value;
        if (chosen == SalonChoice)
        {
            return await SalonPriceAsync(step, text, ct);
        }

        var project = _leads.Setup.Projects.First(p => p.Id == chosen);
        var lead = await SaveAsync(step, new LeadDraft(project.Id), $"asked the price: «{text}»", ct);
        await RecordProgressAsync(step, "price_answered", project.Id + FirstReply(step), ct);
        if (project.Quote)
        {
            // The formula's own range, naming what it still misses, says more than the project's general one.
            return await step.Dialog.ReplaceDialogAsync(QuoteAsk, new QuoteDraft(lead.Id).Read(text, _leads), ct);
        }

        var price = Texts.Get(step.Language, "leads.price", project.Name.In(step.Language), Money(step.Language, project.PriceFrom), Money(step.Language, project.PriceTo), project.Drivers.In(step.Language));
        await step.Context.SendActivityAsync(price, cancellationToken: ct);
        return await step.Dialog.ReplaceDialogAsync(QualifyAsk, new LeadDraft(project.Id, lead.Id).Read(text, _leads), ct);
    }

    /// <summary>A salon service: its price and what drives it, and a button to book it. The lead is recorded too.</summary>
    private async Task<DialogTurnResult> SalonPriceAsync(WaterfallStepContext step, string text, CancellationToken ct)
    {
        var language = step.Language;
        var mentioned = ProfileMentions.ServiceIn(_leads.Profile, text);
        var services = mentioned is null ? _leads.Profile.Services : [mentioned];
        var lines = services.Select(s => Texts.Get(language, "leads.salon_line", s.Name.In(language), Money(language, s.PriceFrom), Money(language, s.PriceTo)));
        var reply = new LogicalReply(string.Join("\n", lines) + "\n" + Texts.Get(language, "leads.salon_drivers"))
        {
            Choices = mentioned is null ? [] : [new ReplyChoice(Texts.Get(language, "leads.book_service", mentioned.Name.In(language).ToLower(CultureInfo.GetCultureInfo(TurnLanguage.Locale(language)))))],
        };
        await step.Context.SendActivitiesAsync(ReplyRenderer.Render(reply, step.Context.Activity.ChannelId), ct);
        await SaveAsync(step, new LeadDraft(mentioned?.Id ?? "salon"), $"asked the price: «{text}»", ct);
        await RecordOutcomeAsync(step, "price_answered", (mentioned?.Id ?? "salon") + FirstReply(step), ct);
        return await step.EndDialogAsync(null, ct);
    }

    /// <summary>Creates or updates the lead with what the draft knows. Runs in a dialog step: the CRM's write demands the dialog's grant.</summary>
    private Task<Lead> SaveAsync(WaterfallStepContext step, LeadDraft draft, string note, CancellationToken ct, LeadTier? tier = null, int? score = null, LeadStage? stage = null, string? summary = null) =>
        SaveAnswersAsync(step, draft.Project, draft.Answers(), draft.Phone, draft.Email, note, ct, tier, score, stage, summary);

    private Task<Lead> SaveAnswersAsync(
        WaterfallStepContext step, string project, Dictionary<string, string> answers, string? phone, string? email, string note, CancellationToken ct,
        LeadTier? tier = null, int? score = null, LeadStage? stage = null, string? summary = null) =>
        _leads.Crm.SaveAsync(new LeadChange(ContactOf(step, phone, email), step.Context.Activity.ChannelId ?? "unknown", note, project, answers, tier, score, summary, stage), Services.Grant, ct);

    private static LeadContact ContactOf(WaterfallStepContext step, string? phone, string? email)
    {
        var customer = CustomerOf(step);
        return new LeadContact(customer.Name, phone ?? customer.Phone, email, customer.Key);
    }

    /// <summary>"; first reply 240 ms": from the channel's timestamp of the question to the answer (a KPI); empty when the channel gave none.</summary>
    private string FirstReply(WaterfallStepContext step) =>
        step.Context.Activity.Timestamp is { } asked ? $"; first reply {Math.Max(0, (long)(Services.Time.GetUtcNow() - asked).TotalMilliseconds)} ms" : string.Empty;

    private string Money(string language, decimal amount) => Support.SupportWording.Money(language, amount, _leads.Setup.Currency);

    private string When(string language, DateTime start) => BookingWording.When(language, start, _leads.LocalNow);
}
