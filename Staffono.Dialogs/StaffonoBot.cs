using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Handoff;
using Staffono.Dialogs.Workflows;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Customers;

namespace Staffono.Dialogs;

/// <summary>
/// The bot: settles the turn's language, greets people who join, keeps the conversation's transcript,
/// and runs the main dialog for messages. State is saved by the adapter's middleware at the end of the turn.
/// </summary>
public sealed class StaffonoBot : IBot, ITurnRecovery
{
    private readonly MainDialog _mainDialog;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;
    private readonly IStatePropertyAccessor<UserProfile> _profile;
    private readonly IStatePropertyAccessor<ConversationTranscript> _transcript;
    private readonly IStatePropertyAccessor<ConversationGreeting> _greeting;
    private readonly TimeProvider _time;
    private readonly IContactLog? _contacts;
    private readonly OperatorRelay? _relay;
    private readonly IReadOnlyList<IOperatorTurns> _operatorTurns;

    /// <param name="contacts">Where each customer's last message is noted, for the channel rules of writing first.</param>
    /// <param name="relay">Gives a handed-over conversation's messages to people while its ticket is open.</param>
    /// <param name="operatorTurns">Operators' own turns (Teams cards and threads, an agent hub's status), handled before anything else.</param>
    public StaffonoBot(ConversationState conversationState, UserState userState, MainDialog mainDialog, TimeProvider time, IContactLog? contacts = null, OperatorRelay? relay = null, IEnumerable<IOperatorTurns>? operatorTurns = null)
    {
        _contacts = contacts;
        _relay = relay;
        _operatorTurns = operatorTurns?.ToList() ?? [];
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(userState);
        _mainDialog = mainDialog ?? throw new ArgumentNullException(nameof(mainDialog));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _dialogState = conversationState.CreateProperty<DialogState>("dialogState");
        _profile = userState.CreateProperty<UserProfile>("profile");
        _transcript = conversationState.CreateProperty<ConversationTranscript>("transcript");
        _greeting = conversationState.CreateProperty<ConversationGreeting>("greeting");
    }

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        foreach (var operatorTurns in _operatorTurns)
        {
            if (await operatorTurns.TryHandleAsync(turnContext, cancellationToken))
            {
                return;
            }
        }

        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await SettleLanguageAsync(turnContext, cancellationToken);
                ConversationGreeting.Note(turnContext, (await _greeting.GetAsync(turnContext, null, cancellationToken))?.Greeted == true);
                (await _transcript.GetAsync(turnContext, () => new ConversationTranscript(), cancellationToken))!.Follow(turnContext, _time.GetUtcNow());
                if (_contacts is not null && activity.From?.Id is { Length: > 0 })
                {
                    await _contacts.WroteAsync(CustomerIdentity.Of(turnContext).Key, _time.GetUtcNow(), cancellationToken);
                }

                if (_relay is not null && await _relay.TryRelayAsync(turnContext, cancellationToken))
                {
                    // A person has this conversation (or is about to): the message went to them, not to the bot.
                    break;
                }

                await DialogRunner.RunAsync(_mainDialog, turnContext, _dialogState, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true:
                await SettleLanguageAsync(turnContext, cancellationToken);
                await turnContext.SendActivitiesAsync(ReplyRenderer.Render(MainDialog.Greeting(TurnLanguage.Get(turnContext)), activity.ChannelId), cancellationToken);
                (await _greeting.GetAsync(turnContext, () => new ConversationGreeting(), cancellationToken))!.Greeted = true;
                break;
        }
    }

    /// <summary>
    /// After a failed turn (its changes already dropped): apologise and ask the pending question again,
    /// so a customer in the middle of a booking carries on where they were; after a reset, start afresh.
    /// </summary>
    public async Task RecoverAsync(ITurnContext turnContext, bool conversationReset, CancellationToken cancellationToken)
    {
        await SettleLanguageAsync(turnContext, cancellationToken);
        var language = TurnLanguage.Get(turnContext);
        if (conversationReset)
        {
            await turnContext.SendActivitiesAsync(ReplyRenderer.Render(MainDialog.Greeting(language) with { Text = Texts.Get(language, "turn.failed_reset") }, turnContext.Activity.ChannelId), cancellationToken);
            return;
        }

        var state = await _dialogState.GetAsync(turnContext, null, cancellationToken);
        var pending = state?.DialogStack is [{ InnerStack.Count: > 0 }, ..];
        await turnContext.SendActivityAsync(Texts.Message(language, pending ? "turn.failed_retry" : "turn.failed_again"), cancellationToken);
        if (pending)
        {
            await DialogRunner.RepromptAsync(_mainDialog, turnContext, _dialogState, cancellationToken);
        }
    }

    /// <summary>The activity's locale; without one, the language the user used before; else the script of the text.</summary>
    private async Task SettleLanguageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = (await _profile.GetAsync(turnContext, () => new UserProfile(), cancellationToken))!;
        var activity = turnContext.Activity;
        var language = !string.IsNullOrWhiteSpace(activity.Locale)
            ? (Language.IsRussian(activity.Locale, null) ? TurnLanguage.Russian : TurnLanguage.English)
            : profile.Language ?? (Language.IsRussian(null, activity.Text) ? TurnLanguage.Russian : TurnLanguage.English);
        TurnLanguage.Set(turnContext, language);
        profile.Language = language;
    }
}
