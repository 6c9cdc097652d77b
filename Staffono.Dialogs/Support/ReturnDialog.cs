using System.Globalization;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Shop;

namespace Staffono.Dialogs.Support;

/// <summary>
/// «Хочу вернуть» (WORKFLOWS.md §4): prove the order, pick the item from it, say why and in what state (with
/// photos when it is faulty); the policy decides. Eligible: the resolutions it allows with the money
/// computed, and on the customer's yes an RMA number, instructions, and when the money arrives. Not
/// eligible: the rule in plain words and the best alternative. Large amounts, repeat returners and shaky
/// identity checks go to a person with everything collected.
/// </summary>
public sealed class ReturnDialog : SupportDialog
{
    public const string DialogId = "support.return";
    private const string Choose = DialogId + ".choice";
    private const string Photos = DialogId + ".photos";
    private const string OfferSteps = DialogId + ".offer";
    private readonly SupportServices _support;

    public ReturnDialog(SupportServices support, VerifyOrderDialog verify, WorkflowServices services)
        : base(DialogId, ReturnsWorkflow.WorkflowName, services)
    {
        _support = support;
        AddDialog(verify);
        AddDialog(new ChoicePrompt(Choose));
        AddDialog(new PhotoPrompt(Photos, support));
        AddDialog(new WaterfallDialog(DialogId + ".steps", [VerifyAsync, PickItemAsync, AskReasonAsync, AskConditionAsync, AskPhotosAsync, DecideAsync]));
        AddDialog(new WaterfallDialog(OfferSteps, [OfferAsync, ResolveAsync, CreateAsync]));
        InitialDialogId = DialogId + ".steps";
    }

    private Task<DialogTurnResult> VerifyAsync(WaterfallStepContext step, CancellationToken ct)
    {
        step.SetValue("started", Services.Time.GetUtcNow());
        return step.BeginDialogAsync(VerifyOrderDialog.DialogId, new VerifyOrderDialog.Start(_support.OrderNumbers.Recognize(step.GetOptions<string>())), ct);
    }

    private async Task<DialogTurnResult> PickItemAsync(WaterfallStepContext step, CancellationToken ct)
    {
        if (step.Result is not OrderCheck { Order: { } order } check)
        {
            return await NotVerifiedAsync(step, step.Result as OrderCheck, _support.Profile.TimeZone, ct);
        }

        step.SetValue("number", order.Number);
        step.SetValue("shaky", check.Shaky);
        await RecordProgressAsync(step, "verified", order.Number, ct);
        if (order.Items.Count == 1)
        {
            return await step.NextAsync(new FoundChoice("0", 0), ct);
        }

        return await step.PromptAsync(Choose, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "return.pick_item", order.Number)),
            Choices = order.Items.Select((item, i) => new Choice(i.ToString(CultureInfo.InvariantCulture)) { Title = SupportWording.Item(step.Language, _support.Shop, item) }).ToList(),
        }, ct);
    }

    private Task<DialogTurnResult> AskReasonAsync(WaterfallStepContext step, CancellationToken ct)
    {
        step.SetValue("item", ((FoundChoice)step.Result!).Index);
        return step.PromptAsync(Choose, Options(step, "return.ask_reason", Enum.GetValues<ReturnReason>(), "return.reason_"), ct);
    }

    private Task<DialogTurnResult> AskConditionAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var reason = Enum.Parse<ReturnReason>(((FoundChoice)step.Result!).Value);
        step.SetValue("reason", reason);
        // A faulty or wrong item is the shop's fault, whatever state it is in now: no need to ask.
        if (reason is ReturnReason.Defective or ReturnReason.WrongItem)
        {
            return step.NextAsync(new FoundChoice(nameof(ItemCondition.Damaged), 0), ct);
        }

        return step.PromptAsync(Choose, Options(step, "return.ask_condition", [ItemCondition.Unopened, ItemCondition.OpenedUnused, ItemCondition.Used], "return.condition_"), ct);
    }

    private Task<DialogTurnResult> AskPhotosAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var condition = Enum.Parse<ItemCondition>(((FoundChoice)step.Result!).Value);
        step.SetValue("condition", step.GetValue<ReturnReason>("reason") == ReturnReason.WrongItem ? ItemCondition.Unopened : condition);
        if (step.GetValue<ReturnReason>("reason") != ReturnReason.Defective)
        {
            return step.NextAsync(new List<string>(), ct);
        }

        var megabytes = _support.Attachments.MaxBytes / (1024 * 1024);
        return step.PromptAsync(Photos, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "return.ask_photo")),
            RetryPrompt = new LogicalReply(Texts.Get(step.Language, "return.photo_retry", megabytes)),
        }, ct);
    }

    private async Task<DialogTurnResult> DecideAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var photos = step.Result as List<string> ?? [];
        step.SetValue("photos", photos);
        var (order, item, product) = await ItemAsync(step, ct);
        var contacts = ContactKeys(order);
        var recent = await _support.Returns.CountSinceAsync(contacts, Services.Time.GetUtcNow().AddDays(-_support.Shop.Returns.RepeatWindowDays), ct);
        var decision = _support.Policy.Decide(new ReturnCase(order, item, product, step.GetValue<ReturnReason>("reason"), step.GetValue<ItemCondition>("condition"), recent, step.GetValue<bool>("shaky"), Services.Time.GetUtcNow()));
        var language = step.Language;
        var name = SupportWording.Item(language, _support.Shop, item);
        var fields = Fields(step, order, item, decision);

        if (decision.Verdict == ReturnVerdict.PersonDecides)
        {
            await RecordProgressAsync(step, "person_decides", decision.Rule.ToString(), ct);
            await step.Context.SendActivityAsync(Texts.Message(language, "return.person_" + decision.Rule.ToString().ToLowerInvariant()), ct);
            return await HandOffAsync(step, $"return of {name} from order {order.Number}: a person decides ({decision.Rule})", fields, ct);
        }

        string question;
        if (decision.Verdict == ReturnVerdict.Eligible)
        {
            question = Texts.Get(language, "return.eligible", name);
        }
        else
        {
            await RecordProgressAsync(step, "not_eligible", decision.Rule.ToString(), ct);
            question = Explain(language, decision, order) + "\n" + Texts.Get(language, "return.alternative_" + decision.Alternative.ToString().ToLowerInvariant());
        }

        return await step.Dialog.ReplaceDialogAsync(OfferSteps, new ReturnDraft(
            order.Number, step.GetValue<int>("item"), step.GetValue<ReturnReason>("reason"), step.GetValue<ItemCondition>("condition"), photos,
            step.GetValue<DateTimeOffset>("started"), fields, decision.Offers.ToList(), question, decision.Verdict == ReturnVerdict.Eligible,
            decision.Alternative == ReturnAlternative.WarrantyRepair, decision.ShopPaysShipping, decision.RefundDays), ct);
    }

    /// <summary>What the customer told and what the policy allows, carried to the offer and its confirmation.</summary>
    public sealed record ReturnDraft(
        string Number, int Item, ReturnReason Reason, ItemCondition Condition, List<string> Photos, DateTimeOffset Started,
        Dictionary<string, string> Fields, List<ResolutionOffer> Offers, string Question, bool Eligible, bool Warranty,
        bool ShopPaysShipping, (int Min, int Max)? RefundDays, bool Again = false);

    /// <summary>The resolutions allowed (or the alternatives), and "no, thanks"; after a "no" at the confirmation, offered again.</summary>
    private Task<DialogTurnResult> OfferAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<ReturnDraft>()!;
        var language = step.Language;
        var choices = draft.Offers.Select(offer => new Choice(offer.Kind.ToString()) { Title = OfferTitle(language, offer) }).ToList();
        if (!draft.Eligible)
        {
            if (draft.Warranty)
            {
                choices.Add(new Choice("warranty") { Title = Texts.Get(language, "return.option_warranty") });
            }

            choices.Add(new Choice("person") { Title = Texts.Get(language, "return.option_person") });
        }

        choices.Add(new Choice("no") { Title = Texts.Get(language, "return.option_no") });
        var question = draft.Again ? Texts.Get(language, "return.pick_again") : draft.Question;
        return step.PromptAsync(Choose, new PromptOptions { Prompt = new LogicalReply(question), Choices = choices }, ct);
    }

    private async Task<DialogTurnResult> ResolveAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<ReturnDraft>()!;
        var fields = draft.Fields;
        var picked = ((FoundChoice)step.Result!).Value;
        var description = $"return of {fields["item"]} from order {fields["order"]}";
        switch (picked)
        {
            case "person":
                // The customer does not accept what the policy says: a disputed return, for a person.
                await RecordProgressAsync(step, "disputed", fields.GetValueOrDefault("rule"), ct);
                return await HandOffAsync(step, $"{description}: the customer disputes the policy's answer ({fields.GetValueOrDefault("rule")})", fields, ct);
            case "warranty":
                return await HandOffAsync(step, $"{description}: warranty repair requested", fields, ct);
            case "no":
                await RecordOutcomeAsync(step, "declined", fields.GetValueOrDefault("rule"), ct);
                await step.Context.SendActivityAsync(Texts.Message(step.Language, "support.okay"), ct);
                return await step.EndDialogAsync(null, ct);
        }

        var offer = draft.Offers.First(o => o.Kind.ToString() == picked);
        step.SetValue("offer", offer);
        return await AskYesNoAsync(step, Texts.Get(step.Language, "return.confirm", fields["item"], OfferTitle(step.Language, offer)), ct);
    }

    /// <summary>The customer said yes to exactly this: now, and only now, the RMA is made. A no offers the choices again.</summary>
    private async Task<DialogTurnResult> CreateAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var draft = step.GetOptions<ReturnDraft>()!;
        var language = step.Language;
        if (step.Result is not true)
        {
            return await step.Dialog.ReplaceDialogAsync(OfferSteps, draft with { Again = true }, ct);
        }

        var order = (await _support.Orders.FindAsync(draft.Number, ct))!;
        var item = order.Items[draft.Item];
        var offer = step.GetValue<ResolutionOffer>("offer")!;
        var now = Services.Time.GetUtcNow();
        var record = await _support.Returns.CreateAsync(new ReturnRecord
        {
            Rma = string.Empty,
            OrderNumber = order.Number,
            Sku = item.Sku,
            Reason = draft.Reason,
            Condition = draft.Condition,
            Resolution = offer.Kind,
            Amount = offer.Amount,
            Fee = offer.Fee,
            ContactKeys = ContactKeys(order),
            ConversationKey = CustomerIdentity.ConversationKey(step.Context),
            Photos = draft.Photos,
            CreatedAt = now,
        }, ct);
        var seconds = (long)(now - draft.Started).TotalSeconds;
        await RecordOutcomeAsync(step, "rma_created", $"{record.Rma} {offer.Kind} {offer.Amount.ToString(CultureInfo.InvariantCulture)}; {seconds} s", ct);

        var lines = new List<string> { Texts.Get(language, "return.created", record.Rma, SupportWording.Item(language, _support.Shop, item)) };
        // A partial refund needs nothing sent back.
        if (offer.Kind != Resolution.PartialRefund)
        {
            lines.Add(_support.Shop.Returns.Instructions.In(language));
            lines.Add(Texts.Get(language, draft.ShopPaysShipping ? "return.shipping_shop" : "return.shipping_customer"));
        }

        lines.Add(offer.Kind switch
        {
            Resolution.Exchange => Texts.Get(language, "return.next_exchange"),
            Resolution.StoreCredit => Texts.Get(language, "return.next_credit", SupportWording.Money(language, offer.Amount, _support.Shop.Currency)),
            _ => Texts.Get(language, offer.Kind == Resolution.PartialRefund ? "return.next_partial" : "return.next_refund",
                SupportWording.Money(language, offer.Amount, _support.Shop.Currency),
                draft.RefundDays is { } days ? SupportWording.Days(language, days) : Texts.Get(language, "support.days_unknown")),
        });
        await step.Context.SendActivityAsync(string.Join("\n", lines), ct);
        return await step.EndDialogAsync(null, ct);
    }

    private async Task<(Order Order, OrderItem Item, Product? Product)> ItemAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var order = (await _support.Orders.FindAsync(step.GetValue<string>("number")!, ct))!;
        var item = order.Items[step.GetValue<int>("item")];
        return (order, item, _support.Shop.Product(item.Sku));
    }

    private static List<string> ContactKeys(Order order) =>
        new[] { ContactMatch.Normalize(order.Phone), ContactMatch.Normalize(order.Email) }.OfType<string>().ToList();

    private Dictionary<string, string> Fields(WaterfallStepContext step, Order order, OrderItem item, ReturnDecision decision)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["order"] = order.Number,
            ["item"] = SupportWording.Item(step.Language, _support.Shop, item),
            ["reason"] = step.GetValue<ReturnReason>("reason").ToString(),
            ["condition"] = step.GetValue<ItemCondition>("condition").ToString(),
            ["amount"] = SupportWording.Money(step.Language, decision.ItemAmount, _support.Shop.Currency),
            ["delivered"] = order.DeliveredAt is { } at ? SupportWording.Moment(step.Language, at, _support.Profile.TimeZone) : "—",
        };
        if (decision.Rule != ReturnRule.None)
        {
            fields["rule"] = decision.Rule.ToString();
        }

        if (step.GetValue<List<string>>("photos") is { Count: > 0 } photos)
        {
            fields["photos"] = string.Join(", ", photos);
        }

        if (step.GetValue<bool>("shaky"))
        {
            fields["identity"] = "needed more than one try";
        }

        return fields;
    }

    /// <summary>Which rule applies, calmly and with the dates that make it so.</summary>
    private string Explain(string language, ReturnDecision decision, Order order) => decision.Rule switch
    {
        ReturnRule.OutOfWindow => Texts.Get(language, "return.rule_window", _support.Shop.Returns.WindowDays,
            order.DeliveredAt is { } at ? SupportWording.Date(language, SupportWording.LocalDate(at, _support.Profile.TimeZone)) : "—",
            decision.LastDay is { } last ? SupportWording.Date(language, last) : "—"),
        _ => Texts.Get(language, "return.rule_" + decision.Rule.ToString().ToLowerInvariant()),
    };

    private string OfferTitle(string language, ResolutionOffer offer)
    {
        var money = SupportWording.Money(language, offer.Amount, _support.Shop.Currency);
        return offer.Kind switch
        {
            Resolution.Exchange => Texts.Get(language, "return.offer_exchange"),
            Resolution.StoreCredit => Texts.Get(language, "return.offer_credit", money),
            Resolution.PartialRefund => Texts.Get(language, "return.offer_partial", money),
            _ when offer.Fee > 0 => Texts.Get(language, "return.offer_refund_fee", money, SupportWording.Money(language, offer.Fee, _support.Shop.Currency)),
            _ => Texts.Get(language, "return.offer_refund", money),
        };
    }

    private static PromptOptions Options<T>(WaterfallStepContext step, string questionKey, IEnumerable<T> values, string titlePrefix)
        where T : struct, Enum => new()
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, questionKey)),
            Choices = values.Select(v => new Choice(v.ToString())
            {
                Title = Texts.Get(step.Language, titlePrefix + ShopNames.Snake(v)),
                // Other ways to say it («передумала», "it broke"), in either language: people answer in their own words.
                Synonyms = Texts.Languages.SelectMany(l => (Texts.TryGet(l, titlePrefix + ShopNames.Snake(v) + ".also") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            }).ToList(),
        };
}
