using Staffono.Runtime.Adapter;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;

namespace Staffono.Dialogs.Engine.Prompts;

/// <summary>
/// Asks one question and returns the recognized answer. A wrong answer gets a re-prompt; after
/// <see cref="PromptOptions.MaxAttempts"/> the prompt gives up politely and cancels the dialogs it
/// belongs to, so a customer is never stuck in a loop.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    /// <summary>Turn state set when a prompt gave up this turn: the question the customer could not be understood on.</summary>
    public const string GaveUpKey = "Staffono.PromptGaveUp";

    /// <summary>Turn state set by whoever answers a prompt giving up itself (the main dialog hands the customer to a person).</summary>
    public const string GaveUpHandledKey = "Staffono.PromptGaveUpHandled";

    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";
    private readonly PromptValidator<T>? _validator;

    protected Prompt(string id, PromptValidator<T>? validator = null)
        : base(id) => _validator = validator;

    /// <summary>The retry text key used when the options give no retry prompt.</summary>
    protected virtual string DefaultRetryKey => "prompt.retry";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var promptOptions = options as PromptOptions ?? throw new ArgumentException($"{Id} needs PromptOptions.", nameof(options));
        var instance = dc.ActiveDialog!;
        instance.Set(OptionsKey, promptOptions);
        instance.Set(AttemptsKey, 0);
        await SendAsync(dc.Context, dc.Language, promptOptions, promptOptions.Prompt, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return DialogTurnResult.Waiting;
        }

        var instance = dc.ActiveDialog!;
        var options = instance.Get<PromptOptions>(OptionsKey)!;
        var attempts = instance.Get<int>(AttemptsKey) + 1;
        instance.Set(AttemptsKey, attempts);

        var recognized = await RecognizeAsync(dc.Context, options, cancellationToken);
        var valid = recognized.Succeeded
            && (_validator is null || await _validator(new PromptValidatorContext<T>(dc.Context, recognized, options, attempts), cancellationToken));
        if (valid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        if (!recognized.Succeeded && options.LetsOtherAnswersThrough && dc.Context.Activity.Text is { Length: > 0 } other)
        {
            return await dc.EndDialogAsync(new OtherAnswer(other), cancellationToken);
        }

        if (attempts >= options.MaxAttempts)
        {
            // Whoever runs the conversation may hand it to a person instead (the bot failed the customer, not the other way round).
            // A short question asked twice at most (which of two meanings) is not the bot failing: it just moves on.
            var handedOver = attempts >= 3 && dc.Context.TurnState.ContainsKey(GaveUpHandledKey);
            if (handedOver)
            {
                dc.Context.TurnState[GaveUpKey] = options.Prompt.Text;
            }
            else
            {
                await dc.Context.SendActivityAsync(Texts.Message(dc.Language, "prompt.gave_up"), cancellationToken);
            }

            return await dc.CancelAllDialogsAsync(cancellationToken);
        }

        var retry = options.RetryPrompt ?? new LogicalReply(Texts.Get(dc.Language, DefaultRetryKey) + "\n" + options.Prompt.Text);
        await SendAsync(dc.Context, dc.Language, options, retry, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var options = instance.Get<PromptOptions>(OptionsKey)!;
        await SendAsync(turnContext, TurnLanguage.Get(turnContext), options, options.Prompt, cancellationToken);
    }

    /// <summary>Makes a <typeparamref name="T"/> of the user's message, if it is one.</summary>
    /// <summary>
    /// A prompt expects what it recognises (a time for a date prompt, an option for a choice prompt), and,
    /// when it lets other answers through, anything: the step after it reads new wishes itself.
    /// </summary>
    public override async Task<bool> ExpectsAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var options = instance.Get<PromptOptions>(OptionsKey);
        return options is not null && (options.LetsOtherAnswersThrough || (await RecognizeAsync(turnContext, options, cancellationToken)).Succeeded);
    }

    protected abstract Task<PromptRecognizerResult<T>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The options shown with the question; choice and confirm prompts offer theirs. A button posts its
    /// title, never the choice's internal value ("olga|tverskaya|6393…", an intent name): what the customer
    /// sees as their own message is what they clicked, and the prompt maps the title back to the choice.
    /// </summary>
    protected virtual IReadOnlyList<ReplyChoice> ChoicesToShow(string language, PromptOptions options) =>
        options.Choices.Select(c => new ReplyChoice(c.DisplayTitle)).ToList();

    private async Task SendAsync(ITurnContext turnContext, string language, PromptOptions options, LogicalReply reply, CancellationToken cancellationToken)
    {
        var withChoices = reply.Choices.Count > 0 ? reply : reply with { Choices = ChoicesToShow(language, options) };
        var activities = ReplyRenderer.Render(withChoices with { Locale = reply.Locale ?? TurnLanguage.Locale(language) }, turnContext.Activity.ChannelId);
        await turnContext.SendActivitiesAsync(activities, cancellationToken);
    }
}
