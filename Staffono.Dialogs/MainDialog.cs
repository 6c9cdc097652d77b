using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;
using Staffono.Skills.Customers;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs;

/// <summary>
/// The root of every conversation: it greets, shows help, and routes each new request to the
/// registered workflow that starts on its intent (or on the button pressed). It names no workflow;
/// an intent no workflow takes gets an honest "not yet" and the help.
/// </summary>
public sealed class MainDialog : InterruptibleDialog
{
    public const string DialogId = "main";
    private const string ClarifyPrompt = "main.clarify";
    private const string SwitchPrompt = "main.switch";
    private const string SwitchTarget = "switch_to";
    private const string MisunderstoodKey = "misunderstood";

    /// <summary>How many messages in a row the bot may fail to understand before a person takes over.</summary>
    private const int MisunderstoodLimit = 3;

    /// <summary>How sure the offline classifier must be that an answer is really a new request (it is right 99 % of the time at 0.8).</summary>
    private const double SwitchConfidence = 0.8;

    /// <summary>What the bot will offer, in the order help lists it (text keys under "help.").</summary>
    private static readonly string[] Abilities = ["booking", "order_status", "returns", "renewal", "pricing", "human"];

    private readonly IntentUnderstanding _understanding;
    private readonly IContactLog? _contacts;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, WorkflowEntry> _byIntent = new(StringComparer.Ordinal);
    private readonly List<WorkflowEntry> _buttons = [];

    /// <param name="understanding">What each message asks for.</param>
    /// <param name="workflows">The use cases this business runs.</param>
    /// <param name="contacts">Where «отписаться» is recorded; without it the bot says it cannot.</param>
    public MainDialog(IntentUnderstanding understanding, IEnumerable<Workflow> workflows, IContactLog? contacts = null, TimeProvider? time = null)
        : base(DialogId)
    {
        _understanding = understanding ?? throw new ArgumentNullException(nameof(understanding));
        _contacts = contacts;
        _time = time ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(workflows);
        AddDialog(new ChoicePrompt(ClarifyPrompt));
        AddDialog(new ConfirmPrompt(SwitchPrompt));
        foreach (var workflow in workflows)
        {
            foreach (var dialog in workflow.Dialogs)
            {
                AddDialog(dialog);
            }

            foreach (var entry in workflow.Entries)
            {
                if (entry.Intent is { } intent && !_byIntent.TryAdd(intent, entry))
                {
                    throw new InvalidOperationException($"Two workflows start on the intent '{intent}'; the second is '{workflow.Name}'.");
                }

                if (entry.ButtonTextKey is not null)
                {
                    _buttons.Add(entry);
                }
            }
        }
    }

    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        await RouteAsync(innerDc, firstMessage: true, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog is null)
        {
            await RouteAsync(innerDc, firstMessage: false, cancellationToken);
            return DialogTurnResult.Waiting;
        }

        if (await SwitchesUseCaseAsync(innerDc, cancellationToken))
        {
            return DialogTurnResult.Waiting;
        }

        if (PersonEntry is not null)
        {
            innerDc.Context.TurnState[Prompt<object>.GaveUpHandledKey] = true;
        }

        var result = await base.OnContinueDialogAsync(innerDc, cancellationToken);
        if (innerDc.Context.TurnState.TryGetValue(Prompt<object>.GaveUpKey, out var question) && PersonEntry is not null)
        {
            // The same question misunderstood three times: the bot is failing this customer, so a person takes over.
            await innerDc.CancelAllDialogsAsync(cancellationToken);
            await StartPersonAsync(innerDc, $"the bot did not understand the answer to «{question}» three times; the last answer: «{innerDc.Context.Activity.Text}»", cancellationToken, botFailed: true);
            return DialogTurnResult.Waiting;
        }

        if (result is { Status: DialogTurnStatus.Complete, Result: FoundChoice clarified })
        {
            // The customer picked one of the two intents offered by the clarifying question.
            await StartAsync(innerDc, clarified.Value, firstMessage: false, cancellationToken);
        }

        return DialogTurnResult.Waiting;
    }

    /// <summary>
    /// "please cancel my appointment" typed where a name was asked: a clear request for another use case
    /// is asked about once («Вы хотите отменить запись?») rather than taken as the answer. Yes drops the
    /// current use case and starts that one; no goes back to the question (the prompt ends and the use
    /// case beneath it asks again). Only long, confident, registered requests count, so names, times
    /// and yes/no answers are never mistaken for one.
    /// </summary>
    private async Task<bool> SwitchesUseCaseAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var activity = innerDc.Context.Activity;
        if (activity.Type != ActivityTypes.Message || InterruptionRecognizer.Recognize(activity.Text) != Interruption.None)
        {
            return false;
        }

        if (innerDc.ActiveDialog!.Id == SwitchPrompt)
        {
            if (ConfirmRecognizer.Recognize(activity.Text) != true || innerDc.ActiveDialog.Get<string>(SwitchTarget) is not { } target)
            {
                return false;
            }

            await innerDc.CancelAllDialogsAsync(cancellationToken);
            await StartAsync(innerDc, target, firstMessage: false, cancellationToken);
            return true;
        }

        // An answer the waiting question takes («в субботу после обеда» when asked when; anything among offered
        // times, which reads new wishes itself) stays its answer; so does one opening with yes or no.
        var current = innerDc.Stack[^1].Id;
        var words = TextNormalizer.Words(activity.Text);
        if (current == ClarifyPrompt || words.Length < 3 || ConfirmRecognizer.Recognize(words[0]) is not null
            || (innerDc.FindDialog(innerDc.ActiveDialog.Id) is { } waiting && await waiting.ExpectsAsync(innerDc.Context, innerDc.ActiveDialog, cancellationToken)))
        {
            return false;
        }

        var understood = _understanding.UnderstandOffline(activity.Text);
        if (understood.IsUnsure || understood.Prediction.Confidence < SwitchConfidence
            || !_byIntent.TryGetValue(understood.Intent, out var entry) || entry.DialogId is null || RunningDialogs(innerDc).Contains(entry.DialogId))
        {
            return false;
        }

        await innerDc.PromptAsync(SwitchPrompt, PromptOptions.Ask(Texts.Get(innerDc.Language, "main.switch", IntentName(innerDc.Language, understood.Intent))), cancellationToken);
        innerDc.ActiveDialog!.Set(SwitchTarget, understood.Intent);
        return true;
    }

    /// <summary>The "talk to a person" workflow's entry, when one is registered.</summary>
    private WorkflowEntry? PersonEntry => _byIntent.GetValueOrDefault(Intents.Human);

    /// <summary>Hands the conversation to a person (the "human" workflow) with the reason; without that workflow, says so honestly.</summary>
    private async Task StartPersonAsync(DialogContext dc, string reason, CancellationToken cancellationToken, bool botFailed = false)
    {
        if (PersonEntry?.DialogId is { } dialogId)
        {
            dc.Context.TurnState[WorkflowDialog.StartingIntentKey] = Intents.Human;
            if (botFailed)
            {
                await dc.Context.SendActivityAsync(Texts.Message(dc.Language, "handoff.not_understood"), cancellationToken);
            }

            await dc.BeginDialogAsync(dialogId, reason, cancellationToken);
            return;
        }

        await SendHelpAsync(dc, Texts.Get(dc.Language, "main.human"), cancellationToken);
    }

    /// <summary>«Позовите оператора» in the middle of a use case: it is dropped and the conversation goes to a person, saying which one it was.</summary>
    protected override async Task<DialogTurnResult> OnPersonRequestedAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var during = RunningDialogs(innerDc).Select(id => innerDc.FindDialog(id)).OfType<WorkflowDialog>().FirstOrDefault()?.Workflow;
        await innerDc.CancelAllDialogsAsync(cancellationToken);
        var text = innerDc.Context.Activity.Text;
        await StartPersonAsync(innerDc, during is null ? $"the customer asked for a person: «{text}»" : $"the customer asked for a person during {during}: «{text}»", cancellationToken);
        return DialogTurnResult.Waiting;
    }

    /// <summary>Every dialog running in this conversation, outermost first (a cancel flow that went on to book runs both).</summary>
    private static HashSet<string> RunningDialogs(DialogContext innerDc)
    {
        var running = new HashSet<string>(StringComparer.Ordinal);
        var stack = innerDc.Stack;
        while (stack is { Count: > 0 })
        {
            foreach (var instance in stack)
            {
                running.Add(instance.Id);
            }

            stack = stack[0].InnerStack;
        }

        return running;
    }

    /// <summary>The main dialog never ends: when a use case finishes it waits for the next request.</summary>
    protected override Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken) =>
        Task.FromResult(DialogTurnResult.Waiting);

    protected override Task ShowHelpAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
        SendHelpAsync(innerDc, Texts.Get(innerDc.Language, "help.intro"), cancellationToken);

    /// <summary>The greeting for a new conversation (also sent on conversationUpdate).</summary>
    public static LogicalReply Greeting(string language) => HelpReply(language, Texts.Get(language, "main.greeting"));

    private async Task RouteAsync(DialogContext dc, bool firstMessage, CancellationToken cancellationToken)
    {
        var text = dc.Context.Activity.Text;
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return;
        }

        // «отписаться» / «подписаться»: no more (or again) messages the customer did not ask for. Checked before
        // cancel, because with nothing to cancel a bare «стоп» means "stop writing to me".
        if (_contacts is not null && SubscriptionRecognizer.Recognize(text) is { } stop)
        {
            await _contacts.SetOptedOutAsync(CustomerIdentity.Of(dc.Context).Key, stop, _time.GetUtcNow(), cancellationToken);
            await SendHelpAsync(dc, Texts.Get(dc.Language, stop ? "main.unsubscribed" : "main.subscribed"), cancellationToken);
            return;
        }

        switch (InterruptionRecognizer.Recognize(text))
        {
            case Interruption.Help:
                await SendHelpAsync(dc, Texts.Get(dc.Language, "help.intro"), cancellationToken);
                return;
            case Interruption.Cancel or Interruption.StartOver:
                await SendHelpAsync(dc, Texts.Get(dc.Language, "main.nothing_to_cancel"), cancellationToken);
                return;
            case Interruption.Human:
                await StartPersonAsync(dc, $"the customer asked for a person: «{text}»", cancellationToken);
                return;
        }

        // A button a workflow put under one of its messages (a reminder's «Перенести»).
        if (_buttons.FirstOrDefault(b => IsText(text, b.ButtonTextKey!)) is { } button)
        {
            await button.StartAsync(dc, cancellationToken);
            return;
        }

        // «спасибо», "bye": a short friendly answer, not "I didn't get that" and a menu.
        if (ClosingRecognizer.Recognize(text) is var closing and not Closing.None)
        {
            await dc.Context.SendActivityAsync(Texts.Message(dc.Language, closing == Closing.Thanks ? "main.closing_thanks" : "main.closing_bye"), cancellationToken);
            return;
        }

        if (IsGreeting(text))
        {
            await AnswerAsync(dc, Intents.Greeting, firstMessage, cancellationToken);
            return;
        }

        var understood = await _understanding.UnderstandAsync(text, cancellationToken);
        if (understood.IsUnsure && understood.Alternatives.Count == 2 && !understood.Alternatives.Contains(Intents.None))
        {
            // One clarifying question with the two likeliest intents, rather than a wrong guess.
            var (first, second) = (understood.Alternatives[0], understood.Alternatives[1]);
            await dc.PromptAsync(ClarifyPrompt, new PromptOptions
            {
                Prompt = new LogicalReply(Texts.Get(dc.Language, "main.clarify", IntentName(dc.Language, first), IntentName(dc.Language, second))),
                Choices = [new Choice(first) { Title = Capitalize(IntentName(dc.Language, first)) }, new Choice(second) { Title = Capitalize(IntentName(dc.Language, second)) }],
                MaxAttempts = 2,
            }, cancellationToken);
            return;
        }

        // Three messages in a row the bot could not place: a person will do better than a fourth menu.
        var self = dc.Parent!.ActiveDialog!;
        var misunderstood = understood.Intent == Intents.None ? self.Get<int>(MisunderstoodKey) + 1 : 0;
        self.Set(MisunderstoodKey, misunderstood);
        if (misunderstood >= MisunderstoodLimit && PersonEntry is not null)
        {
            self.Set(MisunderstoodKey, 0);
            await StartPersonAsync(dc, $"the bot did not understand three messages in a row; the last: «{text}»", cancellationToken, botFailed: true);
            return;
        }

        await StartAsync(dc, understood.Intent, firstMessage, cancellationToken);
    }

    /// <summary>Begins the workflow that starts on the intent; without one, answers honestly.</summary>
    private Task StartAsync(DialogContext dc, string intent, bool firstMessage, CancellationToken cancellationToken)
    {
        if (!_byIntent.TryGetValue(intent, out var entry))
        {
            return AnswerAsync(dc, intent, firstMessage, cancellationToken);
        }

        dc.Context.TurnState[WorkflowDialog.StartingIntentKey] = intent;
        return entry.StartAsync(dc, cancellationToken);
    }

    /// <summary>What each intent gets until its use case is built: an honest answer and the help.</summary>
    private static Task AnswerAsync(DialogContext dc, string intent, bool firstMessage, CancellationToken cancellationToken)
    {
        var language = dc.Language;
        var text = intent switch
        {
            Intents.Greeting => Texts.Get(language, "main.greeting"),
            Intents.Help => Texts.Get(language, "help.intro"),
            Intents.None => Texts.Get(language, "main.none"),
            Intents.Human => Texts.Get(language, "main.human"),
            _ => Texts.Get(language, "main.not_yet", IntentName(language, intent)),
        };
        // The first reply says hello, unless the conversation was greeted when it opened (web chat greets on joining).
        if (firstMessage && intent != Intents.Greeting && !ConversationGreeting.WasGreeted(dc.Context))
        {
            text = Texts.Get(language, "main.first_hello") + " " + text;
        }

        return SendHelpAsync(dc, text, cancellationToken);
    }

    private static Task SendHelpAsync(DialogContext dc, string text, CancellationToken cancellationToken) =>
        dc.Context.SendActivitiesAsync(ReplyRenderer.Render(HelpReply(dc.Language, text), dc.Context.Activity.ChannelId), cancellationToken);

    private static LogicalReply HelpReply(string language, string text) => new(text)
    {
        Locale = TurnLanguage.Locale(language),
        Choices = Abilities.Select(a => new ReplyChoice(Texts.Get(language, "help." + a))).ToList(),
    };

    private static string IntentName(string language, string intent) => Texts.Get(language, "intent." + intent);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.InvariantCulture) + text[1..];

    private static bool IsText(string? text, string key) =>
        Texts.Languages.Any(language => string.Equals(TextNormalizer.Normalize(text), TextNormalizer.Normalize(Texts.Get(language, key)), StringComparison.Ordinal));

    private static bool IsGreeting(string? text) =>
        TextNormalizer.Words(text) is { Length: > 0 and <= 3 } words
        && words[0] is "привет" or "здравствуйте" or "здравствуй" or "добрый" or "доброе" or "hi" or "hello" or "hey" or "privet" or "good";
}
