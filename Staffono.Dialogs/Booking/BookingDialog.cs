using System.Globalization;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Analytics;
using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Staffono.Skills.Customers;
using Staffono.Skills.Handoff;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Booking;

/// <summary>
/// Booking, as WORKFLOWS.md §1 describes it: use what the first message says, ask only for what is
/// missing (location first when there are several, then service, then when), offer 2–3 concrete
/// slots, confirm in one sentence (premium services need an explicit "Подтверждаю"), then book.
/// "нет, лучше в пятницу" at the confirmation offers Friday instead. Urgent and VIP requests go to a person.
/// </summary>
public sealed class BookingDialog : WorkflowDialog
{
    public const string DialogId = "booking";
    private const string Steps = "booking.steps";
    private readonly CalendarPlugin _calendar;
    private readonly BusinessProfile _profile;
    private readonly IDateTimeRecognizer _dates;
    private readonly IReminderSchedule? _reminders;
    private readonly string? _publicBaseUrl;

    /// <param name="publicBaseUrl">Where this host is reachable from the internet, for invite links on channels other than its own web chat.</param>
    public BookingDialog(CalendarPlugin calendar, BusinessProfile profile, IDateTimeRecognizer dates, WorkflowServices services, IReminderSchedule? reminders = null, string? publicBaseUrl = null)
        : base(DialogId, BookingWorkflow.WorkflowName, services)
    {
        _publicBaseUrl = publicBaseUrl;
        _reminders = reminders;
        _calendar = calendar;
        _profile = profile;
        _dates = dates;
        AddDialog(new WaterfallDialog(Steps, [PrefillAsync, AskLocationAsync, AskServiceAsync, AskWhenAsync, OfferSlotsAsync, AskNameAsync, ConfirmAsync, BookAsync]));
        AddDialog(new ChoicePrompt("booking.choice"));
        AddDialog(new DateTimePrompt("booking.when", dates, services.Time, reference: () => calendar.LocalNow));
        AddDialog(new TextPrompt("booking.name", (prompt, _) => Task.FromResult(CustomerName.From(prompt.Recognized.Value) is not null)));
        AddDialog(new ConfirmPrompt("booking.confirm"));
        AddDialog(new TextPrompt("booking.premium", (prompt, _) => Task.FromResult(IsExplicitConfirmation(prompt.Recognized.Value) || ConfirmRecognizer.Recognize(prompt.Recognized.Value) == false)));
        InitialDialogId = Steps;
    }

    /// <summary>The customer's own time zone when the channel sends it (activity.localTimezone), else null.</summary>
    private TimeZoneInfo? CustomerZone(WaterfallStepContext step) =>
        step.Context.Activity.LocalTimezone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.Id != _profile.TimeZone.Id ? zone : null;

    /// <summary>"Now" as the customer sees it, so "завтра в 11" means their tomorrow at their 11.</summary>
    private DateTime CustomerNow(WaterfallStepContext step) =>
        CustomerZone(step) is { } zone ? TimeZoneInfo.ConvertTime(Services.Time.GetUtcNow(), zone).DateTime : _calendar.LocalNow;

    /// <summary>
    /// A clock time the customer named in their time zone, moved to the business's. Days stay days, and a
    /// part of the day stays that part of the salon's day: "tomorrow evening" is an evening visit there.
    /// </summary>
    private DateTimeResolution? InBusinessTime(WaterfallStepContext step, DateTimeResolution? wanted)
    {
        if (wanted is null || CustomerZone(step) is not { } zone || wanted.Granularity is DateTimeGranularity.Day or DateTimeGranularity.Week or DateTimeGranularity.PartOfDay)
        {
            return wanted;
        }

        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wanted.Start, DateTimeKind.Unspecified), zone);
        return wanted with { Start = TimeZoneInfo.ConvertTimeFromUtc(utc, _profile.TimeZone) };
    }

    /// <summary>Urgent and VIP requests go to a person; the bot does not improvise for them.</summary>
    private static bool NeedsPerson(string text) =>
        TextNormalizer.Words(text).Any(w => w is "срочно" or "срочная" or "срочный" or "немедленно" or "вип" or "vip" or "urgent" or "urgently" or "asap" or "emergency");

    /// <summary>What the person taking over needs, so the customer is not asked again.</summary>
    private Task<DialogTurnResult> HandOffAsync(WaterfallStepContext step, string reason, CancellationToken ct, HandoffPriority priority = HandoffPriority.Normal)
    {
        var request = Request(step);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields[name] = value;
            }
        }

        Add("service", request.ServiceId is { } service ? _profile.Services.FirstOrDefault(s => s.Id == service)?.Name.In(step.Language) : null);
        Add("location", request.LocationId is { } location ? _profile.Locations.FirstOrDefault(l => l.Id == location)?.Name.In(step.Language) : null);
        Add("wanted", request.WantedStart?.ToString(request.WantedGranularity is nameof(DateTimeGranularity.Day) or nameof(DateTimeGranularity.Week) ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Add("name", request.Name ?? step.Context.Activity.From?.Name);
        Add("moving_booking", request.ReplacesBookingId);
        return HandOffAsync(step, reason, fields, ct, priority);
    }

    /// <summary>Takes service, location, moment and name from what the customer already said.</summary>
    private async Task<DialogTurnResult> PrefillAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var request = Request(step);
        var first = request.FirstText;
        if (first is not null)
        {
            var wanted = request.WantedStart is null ? InBusinessTime(step, _dates.Recognize(first, CustomerNow(step))) : null;
            request = request with
            {
                FirstText = null,
                ServiceId = request.ServiceId ?? ProfileMentions.ServiceIn(_profile, first)?.Id,
                LocationId = request.LocationId ?? ProfileMentions.LocationIn(_profile, first)?.Id,
                StaffId = request.StaffId ?? ProfileMentions.StaffIn(_profile, first)?.Id,
                WantedStart = request.WantedStart ?? wanted?.Start,
                WantedGranularity = request.WantedGranularity ?? wanted?.Granularity.ToString(),
            };
        }

        // The channel usually knows the customer's name already; ask only when it does not.
        if (request.Name is null && step.Context.Activity.From?.Name is { Length: > 1 } known && known is not ("User" or "user" or "You"))
        {
            request = request with { Name = known };
        }

        Save(step, request);
        return first is not null && NeedsPerson(first)
            ? await HandOffAsync(step, first, ct, HandoffPriority.Urgent)
            : await step.NextAsync(null, ct);
    }

    private Task<DialogTurnResult> AskLocationAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var request = Request(step);
        var candidates = request.ServiceId is { } serviceId
            ? _profile.Locations.Where(l => _profile.Services.First(s => s.Id == serviceId).LocationIds.Contains(l.Id)).ToList()
            : _profile.Locations.ToList();
        if (request.LocationId is not null || candidates.Count == 1)
        {
            Save(step, request with { LocationId = request.LocationId ?? candidates[0].Id });
            return step.NextAsync(null, ct);
        }

        // «Можно завтра в 11 на стрижку?» already says enough: offer slots at every location (each named) rather than ask.
        if (request.ServiceId is not null && request.WantedStart is not null)
        {
            return step.NextAsync(null, ct);
        }

        return step.PromptAsync("booking.choice", new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "booking.ask_location")),
            Choices = candidates.Select(l => new Choice(l.Id) { Title = l.Name.In(step.Language), Synonyms = [l.Address.In(step.Language)] }).ToList(),
        }, ct);
    }

    private Task<DialogTurnResult> AskServiceAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var request = Request(step);
        if (step.Result is FoundChoice location)
        {
            request = request with { LocationId = location.Value };
            Save(step, request);
        }

        if (request.ServiceId is not null)
        {
            return step.NextAsync(null, ct);
        }

        return step.PromptAsync("booking.choice", new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "booking.ask_service")),
            Choices = _profile.Services.Where(s => s.LocationIds.Contains(request.LocationId!))
                .Select(s => new Choice(s.Id) { Title = s.Name.In(step.Language), Synonyms = s.Synonyms }).ToList(),
        }, ct);
    }

    private Task<DialogTurnResult> AskWhenAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var request = Request(step);
        if (step.Result is FoundChoice service)
        {
            request = request with { ServiceId = service.Value };
            Save(step, request);
        }

        return request.WantedStart is not null
            ? step.NextAsync(null, ct)
            : step.PromptAsync("booking.when", PromptOptions.Ask(Texts.Get(step.Language, "booking.ask_when")), ct);
    }

    private async Task<DialogTurnResult> OfferSlotsAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var request = Request(step);
        if (step.Result is DateTimeResolution when)
        {
            request = request with { WantedStart = when.Start, WantedGranularity = when.Granularity.ToString() };
        }

        if (request.WantedStart < _calendar.LocalNow.Date)
        {
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.past"), ct);
            return await step.Dialog.ReplaceDialogAsync(Steps, request with { WantedStart = null, WantedGranularity = null }, ct);
        }

        if (request.WantedStart > _calendar.LocalNow.Date.AddDays(_profile.Booking.HorizonDays))
        {
            var last = _calendar.LocalNow.Date.AddDays(_profile.Booking.HorizonDays);
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.too_far", _profile.Booking.HorizonDays, last.ToString(step.Language == "ru" ? "d MMMM" : "MMMM d", CultureInfo.GetCultureInfo(TurnLanguage.Locale(step.Language)))), ct);
            return await step.Dialog.ReplaceDialogAsync(Steps, request with { WantedStart = null, WantedGranularity = null }, ct);
        }

        if (request.StaffId is { } staffId && _profile.Staff.FirstOrDefault(s => s.Id == staffId) is { } staff && !staff.ServiceIds.Contains(request.ServiceId!))
        {
            // «к Ирине» for a service Irina does not do: say so and look at everyone who does.
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.staff_not_for_service", staff.Name, _profile.Services.First(s => s.Id == request.ServiceId).Name.In(step.Language)), ct);
            request = request with { StaffId = null };
        }

        Save(step, request);
        var wanted = new DateTimeResolution(request.WantedStart!.Value, Enum.Parse<DateTimeGranularity>(request.WantedGranularity ?? nameof(DateTimeGranularity.Day)));
        var offer = await _calendar.FindSlotsAsync(request.ServiceId!, request.LocationId, wanted, CustomerOf(step).Key, request.StaffId, ct);

        if (offer.Slots.Count == 0)
        {
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.nothing_free", _profile.Booking.HorizonDays), ct);
            Save(step, request);
            // The administrator who takes it over reads what the customer actually asked for, not only our summary.
            return await HandOffAsync(step, $"no free time for {request.ServiceId} within {_profile.Booking.HorizonDays} days; the customer wrote: {request.FirstText ?? step.Context.Activity.Text}", ct);
        }

        await RecordProgressAsync(step, OutcomeKinds.SlotsOffered, null, ct);
        Save(step, request with { EarliestOffered = offer.Slots.Min(o => o.Start), LatestOffered = offer.Slots.Max(o => o.Start), Wish = null });

        var names = offer.Slots.Select(s => request.LocationId is null
            ? When(step.Language, s.Start) + " (" + _profile.Locations.First(l => l.Id == s.LocationId).Name.In(step.Language) + ")"
            : When(step.Language, s.Start)).ToList();
        var text = offer.OnRequestedDay
            ? Texts.Get(step.Language, request.StaffId is null ? "booking.offer" : "booking.offer_staff", JoinOr(step.Language, names), StaffName(request))
            : Texts.Get(step.Language, "booking.offer_other_days", WhyNotThen(step, request, offer, wanted), JoinOr(step.Language, names));
        if (offer is { OnRequestedDay: true, Gap: SlotGap.NotWorkingThen or SlotGap.TooSoon })
        {
            text = WhyNotThen(step, request, offer, wanted) + " " + text;
        }

        return await step.PromptAsync("booking.choice", new PromptOptions
        {
            Prompt = new LogicalReply(text + InBusinessZoneNote(step)),
            Choices = offer.Slots.Select((s, i) => new Choice(SlotKey.Of(s)) { Title = Capitalize(names[i]), Synonyms = [s.Start.ToString("HH:mm", CultureInfo.InvariantCulture)] }).ToList(),
            // «а есть попозже?», «нет, лучше в воскресенье»: a new wish, read by the next step, not a wrong answer.
            LetsOtherAnswersThrough = true,
        }, ct);
    }

    /// <summary>The honest reason nothing was free when asked: nothing later or earlier, closed, not working then, too soon, or all taken.</summary>
    private string WhyNotThen(WaterfallStepContext step, BookingRequest request, SlotOffer offer, DateTimeResolution wanted)
    {
        var language = step.Language;
        var staff = StaffName(request);
        return (request.Wish, offer.Gap) switch
        {
            (nameof(SlotWish.Later), not SlotGap.Closed) => Texts.Get(language, "booking.gap_later"),
            (nameof(SlotWish.Earlier), not SlotGap.Closed) => Texts.Get(language, "booking.gap_earlier"),
            (_, SlotGap.Closed) => Capitalize(Texts.Get(language, staff is null ? "booking.gap_closed" : "booking.gap_closed_staff", BookingWording.Day(language, wanted.Start, _calendar.LocalNow), staff)),
            (_, SlotGap.NotWorkingThen) => Texts.Get(language, staff is null ? "booking.gap_hours" : "booking.gap_hours_staff",
                offer.Opens?.ToString("HH:mm", CultureInfo.InvariantCulture), offer.Closes?.ToString("HH:mm", CultureInfo.InvariantCulture), staff),
            (_, SlotGap.TooSoon) => Texts.Get(language, "booking.gap_soon", (int)_profile.Booking.MinLeadTime.TotalMinutes),
            _ => Texts.Get(language, "booking.gap_booked"),
        };
    }

    private string? StaffName(BookingRequest request) => request.StaffId is { } id ? _profile.Staff.FirstOrDefault(s => s.Id == id)?.Name : null;

    /// <summary>When the customer's own time zone differs, the times offered say whose clock they are on.</summary>
    private string InBusinessZoneNote(WaterfallStepContext step)
    {
        if (CustomerZone(step) is null)
        {
            return string.Empty;
        }

        var offset = _profile.TimeZone.GetUtcOffset(Services.Time.GetUtcNow());
        var utc = "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.ToString(offset.Minutes == 0 ? "%h" : @"h\:mm", CultureInfo.InvariantCulture);
        return " " + Texts.Get(step.Language, "booking.zone_note", utc);
    }

    private async Task<DialogTurnResult> AskNameAsync(WaterfallStepContext step, CancellationToken ct)
    {
        if (step.Result is OtherAnswer other)
        {
            return await SearchAgainAsync(step, other.Text, ct);
        }

        var request = Request(step) with { ChosenSlot = ((FoundChoice)step.Result!).Value, Misses = 0 };
        Save(step, request);
        return request.Name is not null
            ? await step.NextAsync(null, ct)
            : await step.PromptAsync("booking.name", new PromptOptions
            {
                Prompt = new LogicalReply(Texts.Get(step.Language, "booking.ask_name")),
                RetryPrompt = new LogicalReply(Texts.Get(step.Language, "booking.ask_name_retry")),
            }, ct);
    }

    /// <summary>
    /// A reply to the offered times that is none of them: a new day or time («нет, лучше в воскресенье»),
    /// "later", "earlier" or "another day" searches again; anything else is a wrong answer, and the third
    /// one in a row leaves the booking gracefully, as a prompt would.
    /// </summary>
    private async Task<DialogTurnResult> SearchAgainAsync(WaterfallStepContext step, string text, CancellationToken ct)
    {
        var request = Request(step);
        // The times were shown on the salon's clock (and said so), so a time typed among them is on it too.
        var moment = _dates.Recognize(text, _calendar.LocalNow, request.WantedStart);
        var wish = SlotWishRecognizer.Recognize(text);
        if (ProfileMentions.StaffIn(_profile, text) is { } staff)
        {
            // «к Ирине»: the same wish, with her; a day or time said with it counts too.
            var again = moment ?? new DateTimeResolution(request.WantedStart ?? _calendar.LocalNow, Enum.Parse<DateTimeGranularity>(request.WantedGranularity ?? nameof(DateTimeGranularity.Day)));
            return await step.Dialog.ReplaceDialogAsync(Steps, request with { StaffId = staff.Id, WantedStart = again.Start, WantedGranularity = again.Granularity.ToString(), ChosenSlot = null, Misses = 0 }, ct);
        }

        DateTimeResolution? next = moment ?? wish switch
        {
            SlotWish.Later when request.LatestOffered is { } latest => new DateTimeResolution(latest.AddMinutes(_profile.Booking.SlotStep.TotalMinutes), DateTimeGranularity.PartOfDay),
            SlotWish.Earlier when request.EarliestOffered is { } earliest => new DateTimeResolution(earliest.AddHours(-4) < earliest.Date ? earliest.Date : earliest.AddHours(-4), DateTimeGranularity.PartOfDay),
            SlotWish.OtherDay when (request.EarliestOffered ?? request.WantedStart) is { } shown => new DateTimeResolution(shown.Date.AddDays(1), DateTimeGranularity.Day),
            _ => null,
        };
        if (next is not null)
        {
            return await step.Dialog.ReplaceDialogAsync(Steps, request with
            {
                WantedStart = next.Start,
                WantedGranularity = next.Granularity.ToString(),
                ChosenSlot = null,
                Misses = 0,
                Wish = moment is null && wish is SlotWish.Later or SlotWish.Earlier ? wish.ToString() : null,
            }, ct);
        }

        if (ConfirmRecognizer.Recognize(text) == false)
        {
            // A bare «нет» to every offered time: ask when instead, rather than count it as a wrong answer.
            return await step.Dialog.ReplaceDialogAsync(Steps, request with { WantedStart = null, WantedGranularity = null, ChosenSlot = null, Misses = 0 }, ct);
        }

        if (request.Misses + 1 >= 3)
        {
            // The same question misunderstood three times: the bot is failing this customer, so a person takes over.
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "handoff.not_understood"), ct);
            return await HandOffAsync(step, $"the offered times were misunderstood three times; the last answer: {text}", ct);
        }

        await step.Context.SendActivityAsync(Texts.Message(step.Language, "prompt.choice_retry"), ct);
        return await step.Dialog.ReplaceDialogAsync(Steps, request with { ChosenSlot = null, Misses = request.Misses + 1 }, ct);
    }

    private async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var request = Request(step);
        if (step.Result is string answer && CustomerName.From(answer) is { } name)
        {
            request = request with { Name = name };
            Save(step, request);
        }

        var slot = SlotOf(request);
        if ((await _calendar.HoldAsync(slot, CustomerOf(step), Services.Grant, ct)).Status == HoldStatus.Taken)
        {
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.taken"), ct);
            return await step.Dialog.ReplaceDialogAsync(Steps, request with { ChosenSlot = null }, ct);
        }

        var service = _profile.Services.First(s => s.Id == slot.ServiceId);
        var summary = Texts.Get(step.Language, "booking.summary", service.Name.In(step.Language), When(step.Language, slot.Start), _profile.Locations.First(l => l.Id == slot.LocationId).Address.In(step.Language));
        return service.Premium
            ? await step.PromptAsync("booking.premium", new PromptOptions
            {
                Prompt = new LogicalReply(Texts.Get(step.Language, "booking.confirm_premium", summary)),
                RetryPrompt = new LogicalReply(Texts.Get(step.Language, "booking.confirm_premium_retry")),
            }, ct)
            : await step.PromptAsync("booking.confirm", PromptOptions.Ask(Texts.Get(step.Language, "booking.confirm", summary)), ct);
    }

    private async Task<DialogTurnResult> BookAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var request = Request(step);
        var confirmed = step.Result switch
        {
            bool yes => yes,
            string text => IsExplicitConfirmation(text),
            _ => false,
        };
        if (!confirmed)
        {
            // "нет, лучше в пятницу": a new moment in the refusal is the new wish; otherwise ask when instead.
            var instead = _dates.Recognize(step.Context.Activity.Text, _calendar.LocalNow, SlotKey.Parse(request.ChosenSlot, request.ServiceId!, _profile)?.Start);
            return await step.Dialog.ReplaceDialogAsync(Steps, request with
            {
                ChosenSlot = null,
                WantedStart = instead?.Start,
                WantedGranularity = instead?.Granularity.ToString(),
            }, ct);
        }

        var booking = await _calendar.BookAsync(SlotOf(request), CustomerOf(step) with { Name = request.Name }, request.ReplacesBookingId, Services.Grant, ct);
        if (booking is null)
        {
            await step.Context.SendActivityAsync(Texts.Message(step.Language, "booking.taken"), ct);
            return await step.Dialog.ReplaceDialogAsync(Steps, request with { ChosenSlot = null }, ct);
        }

        if (_reminders is not null)
        {
            if (request.ReplacesBookingId is { } moved)
            {
                await _reminders.CancelAsync(moved, ct);
            }

            await _reminders.ScheduleAsync(booking, ConversationReferenceOf(step), step.Language, ct);
        }

        await RecordOutcomeAsync(step, request.ReplacesBookingId is null ? OutcomeKinds.Booked : OutcomeKinds.Rescheduled, booking.Id, ct);
        var when = When(step.Language, booking.Slot.Start);
        var done = InviteLink.For(step.Context.Activity, _publicBaseUrl, booking.IcsToken) is { } link
            ? new LogicalReply(Texts.Get(step.Language, "booking.done", when, link.ToString())) { Links = [new ReplyLink(Texts.Get(step.Language, "booking.add_to_calendar"), link)] }
            : new LogicalReply(Texts.Get(step.Language, "booking.done_no_link", when));
        await step.Context.SendActivitiesAsync(ReplyRenderer.Render(done with { Locale = TurnLanguage.Locale(step.Language) }, step.Context.Activity.ChannelId), ct);
        return await step.EndDialogAsync(booking.Id, ct);
    }

    private static BookingRequest Request(WaterfallStepContext step) =>
        step.GetValue<BookingRequest>("request") ?? step.GetOptions<BookingRequest>() ?? new BookingRequest();

    private static void Save(WaterfallStepContext step, BookingRequest request) => step.SetValue("request", request);

    private Slot SlotOf(BookingRequest request) =>
        SlotKey.Parse(request.ChosenSlot, request.ServiceId!, _profile) ?? throw new InvalidOperationException($"Not a slot of this business: '{request.ChosenSlot}'.");

    private string When(string language, DateTime start) => BookingWording.When(language, start, _calendar.LocalNow);

    private static string JoinOr(string language, IReadOnlyList<string> items) => BookingWording.JoinOr(language, items);

    private static string Capitalize(string text) => BookingWording.Capitalize(text);

    private static bool IsExplicitConfirmation(string? text) =>
        TextNormalizer.Normalize(text) is "подтверждаю" or "i confirm" or "confirm" or "да подтверждаю" or "yes i confirm";
}
