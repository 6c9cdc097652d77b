using Staffono.Dialogs.Engine;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs;

/// <summary>
/// The root of every conversation: it greets, shows help, and routes each new request to its
/// use-case dialog. No use case is built yet, so a request gets an honest "not yet" and the help.
/// </summary>
public sealed class MainDialog : InterruptibleDialog
{
    public const string DialogId = "main";

    /// <summary>What the bot will offer, in the order help lists it (text keys under "help.").</summary>
    private static readonly string[] Abilities = ["booking", "order_status", "returns", "renewal", "pricing", "human"];

    public MainDialog()
        : base(DialogId)
    {
    }

    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        await RouteAsync(innerDc, firstMessage: true, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog is not null)
        {
            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }

        await RouteAsync(innerDc, firstMessage: false, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    /// <summary>The main dialog never ends: when a use case finishes it waits for the next request.</summary>
    protected override Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken) =>
        Task.FromResult(DialogTurnResult.Waiting);

    protected override Task ShowHelpAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
        SendHelpAsync(innerDc, "help.intro", cancellationToken);

    /// <summary>The greeting for a new conversation (also sent on conversationUpdate).</summary>
    public static LogicalReply Greeting(string language) => HelpReply(language, "main.greeting");

    private static async Task RouteAsync(DialogContext dc, bool firstMessage, CancellationToken cancellationToken)
    {
        var text = dc.Context.Activity.Text;
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return;
        }

        switch (InterruptionRecognizer.Recognize(text))
        {
            case Interruption.Help:
                await SendHelpAsync(dc, "help.intro", cancellationToken);
                return;
            case Interruption.Cancel or Interruption.StartOver:
                await SendHelpAsync(dc, "main.nothing_to_cancel", cancellationToken);
                return;
        }

        if (IsGreeting(text))
        {
            await SendHelpAsync(dc, "main.greeting", cancellationToken);
            return;
        }

        // Understanding and the use-case dialogs come with the next issues; until then say so plainly.
        await SendHelpAsync(dc, firstMessage ? "main.first_not_yet" : "main.not_yet", cancellationToken);
    }

    private static Task SendHelpAsync(DialogContext dc, string key, CancellationToken cancellationToken) =>
        dc.Context.SendActivitiesAsync(ReplyRenderer.Render(HelpReply(dc.Language, key), dc.Context.Activity.ChannelId), cancellationToken);

    private static LogicalReply HelpReply(string language, string key) => new(Texts.Get(language, key))
    {
        Locale = TurnLanguage.Locale(language),
        Choices = Abilities.Select(a => new ReplyChoice(Texts.Get(language, "help." + a))).ToList(),
    };

    private static bool IsGreeting(string? text) =>
        TextNormalizer.Words(text) is { Length: > 0 and <= 3 } words
        && words[0] is "привет" or "здравствуйте" or "здравствуй" or "добрый" or "доброе" or "hi" or "hello" or "hey" or "privet" or "good";
}
