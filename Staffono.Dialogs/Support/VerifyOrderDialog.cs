using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Skills.Messaging;
using Staffono.Skills.Shop;

namespace Staffono.Dialogs.Support;

/// <summary>
/// Proves the customer may hear about an order before anything is said about it: the order number, then the
/// phone or e-mail on it (unless this conversation proved that contact already), then — where the shop wants
/// it — a one-time code sent to that contact. A wrong number and a wrong contact get the same answer, so
/// nobody can find out which numbers exist. Too many failures lock the order and the conversation.
/// Ends with an <see cref="OrderCheck"/>.
/// </summary>
public sealed class VerifyOrderDialog : ComponentDialog
{
    public const string DialogId = "support.verify";
    private const string Steps = DialogId + ".steps";
    private const string CodeSteps = DialogId + ".code";
    private const string NumberPrompt = DialogId + ".number";
    private const string ContactPrompt = DialogId + ".contact";
    private const string CodePrompt = DialogId + ".code_prompt";
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    private readonly SupportServices _support;
    private readonly TimeProvider _time;

    public VerifyOrderDialog(SupportServices support, TimeProvider time)
        : base(DialogId)
    {
        _support = support;
        _time = time;
        AddDialog(new WaterfallDialog(Steps, [AskNumberAsync, AskContactAsync, CheckAsync]));
        AddDialog(new WaterfallDialog(CodeSteps, [AskCodeAsync, CheckCodeAsync]));
        AddDialog(new TextPrompt(NumberPrompt, (p, _) => Task.FromResult(support.OrderNumbers.Recognize(p.Recognized.Value) is not null)));
        AddDialog(new TextPrompt(ContactPrompt, (p, _) => Task.FromResult(ContactMatch.Normalize(ContactIn(p.Recognized.Value)) is not null)));
        AddDialog(new TextPrompt(CodePrompt, (p, _) => Task.FromResult(Digits(p.Recognized.Value).Length == 6)));
        InitialDialogId = Steps;
    }

    /// <summary>Where a check starts: an order number the first message gave, and how many tries came before.</summary>
    public sealed record Start(string? OrderNumber, int Failures = 0);

    /// <summary>A code on its way: for which order and contact, its hash and until when it holds.</summary>
    public sealed record PendingCode(string OrderNumber, string ContactKey, string Hash, DateTimeOffset Expires, int Failures);

    private Task<DialogTurnResult> AskNumberAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var start = step.GetOptions<Start>() ?? new Start(null);
        if (start.OrderNumber is { } known)
        {
            return step.NextAsync(known, ct);
        }

        return step.PromptAsync(NumberPrompt, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "support.ask_order")),
            RetryPrompt = new LogicalReply(Texts.Get(step.Language, "support.ask_order_retry")),
        }, ct);
    }

    private async Task<DialogTurnResult> AskContactAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var number = _support.OrderNumbers.Recognize((string)step.Result!) ?? ((string)step.Result!).ToUpperInvariant();
        step.SetValue("number", number);
        var conversation = CustomerIdentity.ConversationKey(step.Context);
        if (await LockedAsync(step, number, ct) is { } locked)
        {
            return locked;
        }

        // A contact this conversation already proved opens its other orders without asking again.
        var order = await _support.Orders.FindAsync(number, ct);
        var proven = await _support.Identity.VerifiedContactsAsync(conversation, ct);
        if (order is not null && proven.Any(c => c == ContactMatch.Normalize(order.Phone) || c == ContactMatch.Normalize(order.Email)))
        {
            return await step.EndDialogAsync(new OrderCheck(order, Shaky(step), null, number), ct);
        }

        return await step.PromptAsync(ContactPrompt, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "support.ask_contact", number)),
            RetryPrompt = new LogicalReply(Texts.Get(step.Language, "support.ask_contact_retry")),
        }, ct);
    }

    private async Task<DialogTurnResult> CheckAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var number = step.GetValue<string>("number")!;
        var given = ContactIn((string)step.Result!);
        var order = await _support.Orders.FindAsync(number, ct);
        if (order is null || !ContactMatch.Matches(order, given))
        {
            return await FailAsync(step, number, ct);
        }

        var contactKey = ContactMatch.Normalize(given)!;
        if (!_support.Shop.Identity.OneTimeCode)
        {
            await _support.Identity.RememberVerifiedAsync(CustomerIdentity.ConversationKey(step.Context), contactKey, _time.GetUtcNow(), ct);
            return await step.EndDialogAsync(new OrderCheck(order, Shaky(step), null, number), ct);
        }

        // The code goes to the contact on the order (the one just matched), never to an address the customer typed.
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var to = contactKey.StartsWith("email:", StringComparison.Ordinal) ? order.Email! : order.Phone!;
        await _support.Messages.SendAsync(new OutgoingMessage(to, Texts.Get(step.Language, "support.code_subject", order.Number), Texts.Get(step.Language, "support.code_body", code, order.Number)), ct);
        var pending = new PendingCode(number, contactKey, Hash(code, number), _time.GetUtcNow() + CodeLifetime, step.GetOptions<Start>()?.Failures ?? 0);
        return await step.Dialog.ReplaceDialogAsync(CodeSteps, pending, ct);
    }

    private Task<DialogTurnResult> AskCodeAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var pending = step.GetOptions<PendingCode>()!;
        return step.PromptAsync(CodePrompt, new PromptOptions
        {
            Prompt = new LogicalReply(Texts.Get(step.Language, "support.ask_code", Masked(pending.ContactKey))),
            RetryPrompt = new LogicalReply(Texts.Get(step.Language, "support.ask_code_retry")),
        }, ct);
    }

    private async Task<DialogTurnResult> CheckCodeAsync(WaterfallStepContext step, CancellationToken ct)
    {
        var pending = step.GetOptions<PendingCode>()!;
        if (_time.GetUtcNow() <= pending.Expires && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(Digits((string)step.Result!), pending.OrderNumber)), Encoding.ASCII.GetBytes(pending.Hash)))
        {
            await _support.Identity.RememberVerifiedAsync(CustomerIdentity.ConversationKey(step.Context), pending.ContactKey, _time.GetUtcNow(), ct);
            return await step.EndDialogAsync(new OrderCheck(await _support.Orders.FindAsync(pending.OrderNumber, ct), pending.Failures > 0, null, pending.OrderNumber), ct);
        }

        await _support.Identity.RecordFailureAsync(pending.OrderNumber, CustomerIdentity.ConversationKey(step.Context), _time.GetUtcNow(), ct);
        if (await LockedAsync(step, pending.OrderNumber, ct) is { } locked)
        {
            return locked;
        }

        await step.Context.SendActivityAsync(Texts.Message(step.Language, _time.GetUtcNow() > pending.Expires ? "support.code_expired" : "support.code_wrong"), ct);
        return await step.Dialog.ReplaceDialogAsync(CodeSteps, pending with { Failures = pending.Failures + 1 }, ct);
    }

    /// <summary>The same words for an unknown order and a wrong contact; then both are asked again, or the check locks.</summary>
    private async Task<DialogTurnResult> FailAsync(WaterfallStepContext step, string number, CancellationToken ct)
    {
        await _support.Identity.RecordFailureAsync(number, CustomerIdentity.ConversationKey(step.Context), _time.GetUtcNow(), ct);
        if (await LockedAsync(step, number, ct) is { } locked)
        {
            return locked;
        }

        await step.Context.SendActivityAsync(Texts.Message(step.Language, "support.not_found"), ct);
        return await step.Dialog.ReplaceDialogAsync(Steps, new Start(null, (step.GetOptions<Start>()?.Failures ?? 0) + 1), ct);
    }

    /// <summary>Ends the check when the order or the conversation is locked; null when it may go on.</summary>
    private async Task<DialogTurnResult?> LockedAsync(WaterfallStepContext step, string number, CancellationToken ct)
    {
        var until = await _support.Identity.LockedUntilAsync(number, CustomerIdentity.ConversationKey(step.Context), _support.Shop.Identity, _time.GetUtcNow(), ct);
        return until is null ? null : await step.EndDialogAsync(new OrderCheck(null, true, until, number), ct);
    }

    /// <summary>The phone or e-mail in an answer such as «мой телефон 8 916 123-45-67»; the answer itself when it is bare.</summary>
    private static string? ContactIn(string? text) =>
        Skills.Understanding.Entities.EmailRecognizer.Recognize(text) ?? Skills.Understanding.Entities.PhoneRecognizer.Recognize(text) ?? text;

    private static bool Shaky(WaterfallStepContext step) => (step.GetOptions<Start>()?.Failures ?? 0) > 0;

    private static string Digits(string? text) => new((text ?? string.Empty).Where(char.IsAsciiDigit).ToArray());

    private static string Hash(string code, string number) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(number + ":" + code)));

    /// <summary>"a***@example.com" or "***45-67": enough for the customer to recognise, too little to learn.</summary>
    private static string Masked(string contactKey)
    {
        var value = contactKey[(contactKey.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (contactKey.StartsWith("email:", StringComparison.Ordinal))
        {
            var at = value.IndexOf('@', StringComparison.Ordinal);
            return value[..1] + "***" + value[at..];
        }

        return "***" + value[^4..^2] + "-" + value[^2..];
    }
}
