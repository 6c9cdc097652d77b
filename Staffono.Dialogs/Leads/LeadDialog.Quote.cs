using System.Globalization;
using System.Text.Json;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Runtime.Channels;
using Staffono.Skills.Calendar;
using Staffono.Skills.Leads;
using Staffono.Skills.Payments;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Leads;

/// <summary>
/// Quote → payment → job (WORKFLOWS.md §7): an instant estimate by the owner's formula — a range naming what is missing,
/// then one figure once it is all known — and one next step: hold a time with a small deposit, or send two photos for a
/// person to confirm the price. The deposit's checkout is the payment provider's; the job is booked when the provider
/// confirms the payment (<see cref="DepositPayments"/>), never on the customer's word.
/// </summary>
public sealed partial class LeadDialog
{
    private const string QuoteAsk = DialogId + ".quote";
    private const string QuoteOffer = DialogId + ".quote_offer";
    private const string Deposit = DialogId + ".deposit";
    private const string PhotosPrompt = DialogId + ".photos";
    private const string DepositChoice = "deposit";
    private const string PhotosChoice = "photos";
    private const string OtherDay = "other";
    private const int MaxQuoteRounds = 3;

    private static readonly CleaningFactor[] AskOrder = [CleaningFactor.Area, CleaningFactor.Rooms, CleaningFactor.Bathrooms, CleaningFactor.Frequency, CleaningFactor.Premises];

    private void AddQuoteSteps()
    {
        AddDialog(new WaterfallDialog(QuoteAsk, [EstimateAsync, ReadQuoteAnswerAsync]));
        AddDialog(new WaterfallDialog(QuoteOffer, [OfferNextStepAsync, NextStepAsync, PhotosReceivedAsync]));
        AddDialog(new WaterfallDialog(Deposit, [AskDayAsync, OfferJobTimesAsync, AskAddressAsync, AskAccessAsync, RequestDepositAsync]));
    }

    /// <summary>The estimate for what is known; while it is a range, the (at most two) facts that would narrow it most.</summary>
    private async Task<DialogTurnResult> EstimateAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<QuoteDraft>()!;
        step.SetValue("quote", draft);
        var estimate = _leads.Setup.Cleaning.Estimate(draft.Job);
        if (estimate.Exact || draft.Asked >= MaxQuoteRounds)
        {
            return await step.Dialog.ReplaceDialogAsync(QuoteOffer, draft, ct);
        }

        var language = step.Language;
        var missing = AskOrder.Where(f => estimate.Missing.HasFlag(f)).ToList();
        var range = Texts.Get(language, "quote.range", Money(language, estimate.From), Money(language, estimate.To), string.Join(", ", missing.Select(f => Texts.Get(language, "quote.factor_" + f.ToString().ToLowerInvariant()))));
        await RecordProgressAsync(step, "estimate_range", $"{estimate.From}-{estimate.To}", ct);
        var asking = missing.Take(2).ToList();
        var question = Texts.Get(language, "quote.ask", string.Join(" ", asking.Select(f => Texts.Get(language, "quote.ask_" + f.ToString().ToLowerInvariant()))));
        var choices = asking.Contains(CleaningFactor.Frequency) && asking.Count == 1
            ? Enum.GetValues<CleaningFrequency>().Select(f => new ReplyChoice(Texts.Get(language, "quote.frequency_" + f.ToString().ToLowerInvariant()))).ToList()
            : [];
        await _nudges.ScheduleAsync(step.Context, draft.Lead, ProjectName(new LeadDraft("cleaning"), language), language, ct);
        return await step.PromptAsync(Answer, new PromptOptions { Prompt = new LogicalReply(range + "\n" + question) { Choices = choices } }, ct);
    }

    private async Task<DialogTurnResult> ReadQuoteAnswerAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var text = (string)step.Result!;
        var draft = step.GetValue<QuoteDraft>("quote")!.Read(text, _leads) with { Asked = step.GetValue<QuoteDraft>("quote")!.Asked + 1 };
        await SaveAnswersAsync(step, "cleaning", draft.Answers(), LeadAnswers.Phone(text), LeadAnswers.Email(text), $"answered: «{text}»", ct);
        return await step.Dialog.ReplaceDialogAsync(QuoteAsk, draft, ct);
    }

    /// <summary>The figure (or, if they would not say, the range) and one next step: a deposit or two photos.</summary>
    private async Task<DialogTurnResult> OfferNextStepAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<QuoteDraft>()!;
        step.SetValue("quote", draft);
        var language = step.Language;
        var estimate = _leads.Setup.Cleaning.Estimate(draft.Job);
        var price = estimate.Exact
            ? Texts.Get(language, "quote.exact", Describe(language, draft), Money(language, estimate.To))
            : Texts.Get(language, "quote.range_final", Money(language, estimate.From), Money(language, estimate.To));
        await SaveAnswersAsync(step, "cleaning", draft.Answers(), null, null, estimate.Exact ? $"quoted {estimate.To}" : $"quoted {estimate.From}-{estimate.To}", ct, stage: LeadStage.Quoted,
            summary: $"Cleaning: {Describe("en", draft)}; {(estimate.Exact ? estimate.To.ToString("0", CultureInfo.InvariantCulture) : $"{estimate.From:0}-{estimate.To:0}")} {_leads.Setup.Currency}");
        await RecordProgressAsync(step, "quoted", estimate.Exact ? estimate.To.ToString("0", CultureInfo.InvariantCulture) : $"{estimate.From:0}-{estimate.To:0}", ct);
        await _nudges.ScheduleAsync(step.Context, draft.Lead, ProjectName(new LeadDraft("cleaning"), language), language, ct);
        return await step.PromptAsync(Choose, new PromptOptions
        {
            Prompt = new LogicalReply(price + "\n" + Texts.Get(language, "quote.next_step", Money(language, _leads.Setup.Cleaning.Deposit))),
            Choices =
            [
                new Choice(DepositChoice) { Title = Texts.Get(language, "quote.choose_deposit", Money(language, _leads.Setup.Cleaning.Deposit)) },
                new Choice(PhotosChoice) { Title = Texts.Get(language, "quote.choose_photos") },
            ],
        }, ct);
    }

    private async Task<DialogTurnResult> NextStepAsync(WaterfallStepContext step, CancellationToken ct)
    {
        if (((FoundChoice)step.Result!).Value == DepositChoice)
        {
            return await step.Dialog.ReplaceDialogAsync(Deposit, step.GetValue<QuoteDraft>("quote"), ct);
        }

        var megabytes = _leads.Attachments.MaxBytes / (1024 * 1024);
        return await step.PromptAsync(PhotosPrompt, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "quote.ask_photos")),
            RetryPrompt = new LogicalReply(Texts.Get(step.Language, "quote.photos_retry", megabytes)),
        }, ct);
    }

    /// <summary>Photos in hand: a person confirms the exact price, with everything the customer told.</summary>
    private async Task<DialogTurnResult> PhotosReceivedAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetValue<QuoteDraft>("quote")!;
        var photos = (List<string>)step.Result!;
        await _nudges.CancelAsync(draft.Lead, ct);
        await RecordProgressAsync(step, "photos_received", photos.Count.ToString(CultureInfo.InvariantCulture), ct);
        await step.Context.SendActivityAsync(Texts.Get(step.Language, "quote.photos_thanks"), cancellationToken: ct);
        var fields = draft.Answers();
        fields["lead"] = draft.Lead;
        fields["photos"] = string.Join(" ", photos);
        var estimate = _leads.Setup.Cleaning.Estimate(draft.Job);
        return await HandOffAsync(step, $"confirm the exact price of a cleaning from {photos.Count} photo(s); the formula says {estimate.From:0}-{estimate.To:0}", fields, ct);
    }

    private async Task<DialogTurnResult> AskDayAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<QuoteDraft>()!;
        step.SetValue("quote", draft);
        if (draft.Date is { } date)
        {
            return await step.NextAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
        }

        return await step.PromptAsync(Answer, new PromptOptions { Prompt = new LogicalReply(Texts.Get(step.Language, "quote.ask_day")) }, ct);
    }

    /// <summary>Two or three times the crews are free near the wanted day; the chosen one is held while the deposit is paid.</summary>
    private async Task<DialogTurnResult> OfferJobTimesAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetValue<QuoteDraft>("quote")!;
        var now = _leads.LocalNow;
        var wanted = _leads.Dates.Recognize((string)step.Result!, now) ?? new DateTimeResolution(now, DateTimeGranularity.Day);
        var offer = await _leads.Line.FindSlotsAsync(_leads.Setup.Cleaning.JobServiceId, null, wanted, CustomerOf(step).Key, cancellationToken: ct);
        var language = step.Language;
        if (offer.Slots.Count == 0)
        {
            await step.Context.SendActivityAsync(Texts.Get(language, "quote.no_times"), cancellationToken: ct);
            return await step.Dialog.ReplaceDialogAsync(Deposit, draft with { Date = null }, ct);
        }

        step.SetValue("slots", offer.Slots.ToList());
        await RecordProgressAsync(step, "slots_offered", string.Join(" ", offer.Slots.Select(s => s.Start.ToString("s", CultureInfo.InvariantCulture))), ct);
        var choices = offer.Slots.Select((s, i) => new Choice("slot" + i.ToString(CultureInfo.InvariantCulture)) { Title = When(language, s.Start) }).ToList();
        choices.Add(new Choice(OtherDay) { Title = Texts.Get(language, "quote.other_day") });
        return await step.PromptAsync(Choose, new PromptOptions { Prompt = new LogicalReply(Texts.Get(language, offer.OnRequestedDay ? "quote.times" : "quote.times_nearest")), Choices = choices }, ct);
    }

    private async Task<DialogTurnResult> AskAddressAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var chosen = ((FoundChoice)step.Result!).Value;
        if (chosen == OtherDay)
        {
            return await step.Dialog.ReplaceDialogAsync(Deposit, step.GetValue<QuoteDraft>("quote")! with { Date = null }, ct);
        }

        var slot = step.GetValue<List<Slot>>("slots")![int.Parse(chosen["slot".Length..], CultureInfo.InvariantCulture)];
        var hold = await _leads.Line.HoldAsync(slot, CustomerOf(step), Services.Grant, ct);
        if (hold.Status == HoldStatus.Taken)
        {
            await step.Context.SendActivityAsync(Texts.Get(step.Language, "leads.slot_taken"), cancellationToken: ct);
            return await step.Dialog.ReplaceDialogAsync(Deposit, step.GetValue<QuoteDraft>("quote"), ct);
        }

        step.SetValue("slot", slot);
        return await step.PromptAsync(Answer, new PromptOptions { Prompt = new LogicalReply(Texts.Get(step.Language, "quote.ask_address")) }, ct);
    }

    private Task<DialogTurnResult> AskAccessAsync(WaterfallStepContext step, CancellationToken ct)
    {
        step.SetValue("address", (string)step.Result!);
        return step.PromptAsync(Answer, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "quote.ask_access")) { Choices = [new ReplyChoice(Texts.Get(step.Language, "quote.nothing_to_add"))] },
        }, ct);
    }

    /// <summary>The deposit's checkout, opened at the payment provider; the job waits for its confirmation.</summary>
    private async Task<DialogTurnResult> RequestDepositAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var language = step.Language;
        var access = (string)step.Result!;
        var draft = step.GetValue<QuoteDraft>("quote")!;
        var slot = step.GetValue<Slot>("slot")!;
        var estimate = _leads.Setup.Cleaning.Estimate(draft.Job);
        var customer = CustomerOf(step);
        var job = new JobDetails(slot, step.GetValue<string>("address")!, access == Texts.Get(language, "quote.nothing_to_add") || ConfirmRecognizer.Recognize(access) == false ? null : access,
            estimate.To, Describe(language, draft), customer.Name, customer.Phone);
        var amount = _leads.Setup.Cleaning.Deposit;
        var deposit = new Deposit(
            "D-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), draft.Lead, amount, _leads.Setup.Currency, _leads.Payments.Name, null,
            Workflows.CustomerIdentity.ConversationKey(step.Context), ConversationReferenceOf(step), customer.Key, language,
            JsonSerializer.Serialize(job), DepositState.Pending, Services.Time.GetUtcNow(), null, null);
        await _leads.Deposits.CreateAsync(deposit, ct);
        var checkout = await _leads.Payments.StartAsync(new PaymentRequest(deposit.Id, amount, _leads.Setup.Currency, Texts.Get(language, "quote.payment_line", When(language, slot.Start)), language), ct);
        await _leads.Deposits.SetProviderIdAsync(deposit.Id, checkout.ProviderId, ct);
        await SaveAnswersAsync(step, "cleaning", draft.Answers(), null, null, $"deposit {deposit.Id} requested for {slot.Start:yyyy-MM-dd HH:mm}", ct);
        await RecordOutcomeAsync(step, "deposit_requested", deposit.Id, ct);
        var reply = new LogicalReply(Texts.Get(language, "quote.pay", Money(language, amount), When(language, slot.Start), _leads.Setup.Line.Booking.HoldDuration.TotalMinutes))
        {
            Links = [new ReplyLink(Texts.Get(language, "quote.pay_link"), checkout.Url)],
        };
        await step.Context.SendActivitiesAsync(ReplyRenderer.Render(reply, step.Context.Activity.ChannelId), ct);
        return await step.EndDialogAsync(null, ct);
    }

    /// <summary>"квартира 54 м², 2 комнаты, 1 санузел, раз в неделю, окна".</summary>
    private static string Describe(string language, QuoteDraft draft)
    {
        var parts = new List<string>();
        if (draft.Premises is { } premises)
        {
            parts.Add(Texts.Get(language, "quote.premises_" + premises.ToString().ToLowerInvariant()));
        }

        if (draft.Area is { } area)
        {
            parts.Add(Texts.Get(language, "quote.area", area));
        }

        if (draft.Rooms is { } rooms)
        {
            parts.Add(Texts.Get(language, "quote.rooms", rooms));
        }

        if (draft.Bathrooms is { } baths)
        {
            parts.Add(Texts.Get(language, "quote.bathrooms", baths));
        }

        if (draft.Frequency is { } frequency)
        {
            parts.Add(Texts.Get(language, "quote.frequency_" + frequency.ToString().ToLowerInvariant()).ToLowerInvariant());
        }

        parts.AddRange((draft.Extras ?? []).Select(e => Texts.Get(language, "quote.extra_" + e.ToString().ToLowerInvariant())));
        return string.Join(", ", parts);
    }
}
