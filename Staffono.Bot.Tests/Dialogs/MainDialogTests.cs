using Staffono.Dialogs;
using Staffono.Dialogs.Engine;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs;

public sealed class MainDialogTests
{
    private static readonly Lazy<IntentUnderstanding> Understanding = new(() =>
        new IntentUnderstanding(OfflineIntentClassifier.Default, null, new UnderstandingOptions()));

    private static DialogTestFlow Flow(string? locale, string channelId = ChannelIds.Webchat) =>
        new(new MemoryStorage(), locale, "conv-main", channelId, _ => throw new InvalidOperationException(), (conversation, user) => new StaffonoBot(conversation, user, new MainDialog(Understanding.Value, []), TimeProvider.System));

    [Theory]
    [InlineData("ru-RU", "Здравствуйте! Я Staffono", "Записаться")]
    [InlineData("en-US", "Hello! I'm Staffono", "Book an appointment")]
    public async Task A_user_joining_is_greeted_in_their_language_with_what_the_bot_offers(string locale, string greeting, string firstAction)
    {
        using var flow = Flow(locale);
        var update = flow.Message("");
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.MembersAdded = [new ChannelAccount("user-1"), new ChannelAccount("staffono")];

        var reply = Assert.Single(await flow.SendActivityAsync(update));

        Assert.StartsWith(greeting, reply.Text);
        Assert.Equal(6, reply.SuggestedActions!.Actions!.Count);
        Assert.Equal(firstAction, reply.SuggestedActions.Actions[0].Title);
    }

    [Theory]
    [InlineData("ru-RU", "где мой заказ?")]
    [InlineData("en-US", "where is my order?")]
    public async Task A_conversation_greeted_on_joining_is_not_greeted_again_in_the_first_reply(string locale, string text)
    {
        using var greeted = Flow(locale);
        var join = greeted.Message("");
        join.Type = ActivityTypes.ConversationUpdate;
        join.Text = null;
        join.MembersAdded = [new ChannelAccount("user-1")];
        await greeted.SendActivityAsync(join);
        using var cold = Flow(locale);

        var afterGreeting = Assert.Single(await greeted.SendAsync(text));
        var first = Assert.Single(await cold.SendAsync(text));

        var language = locale[..2];
        var answer = Texts.Get(language, "main.not_yet", Texts.Get(language, "intent.OrderStatus"));
        Assert.Equal(answer, afterGreeting);
        Assert.Equal(Texts.Get(language, "main.first_hello") + " " + answer, first);
    }

    [Fact]
    public async Task Only_the_bot_joining_gets_no_greeting()
    {
        using var flow = Flow("ru-RU");
        var update = flow.Message("");
        update.Type = ActivityTypes.ConversationUpdate;
        update.MembersAdded = [new ChannelAccount("staffono")];

        Assert.Empty(await flow.SendActivityAsync(update));
    }

    [Fact]
    public async Task A_greeting_as_first_message_is_answered_with_the_greeting()
    {
        using var flow = Flow("ru-RU");

        var reply = Assert.Single(await flow.SendAsync("Привет!"));

        Assert.StartsWith("Здравствуйте! Я Staffono", reply);
    }

    [Fact]
    public async Task A_request_the_bot_cannot_handle_yet_gets_an_honest_answer_and_the_help()
    {
        using var flow = Flow("ru-RU");

        var first = Assert.Single(await flow.SendActivityAsync(flow.Message("Можно завтра в 11 на стрижку?")));
        var second = Assert.Single(await flow.SendActivityAsync(flow.Message("а сколько стоит стрижка?")));

        Assert.Equal("Здравствуйте! Я Staffono. Понял: вы хотите записаться. Этого я пока не умею — вот с чем скоро смогу помочь:", first.Text);
        Assert.Equal("Понял: вы хотите узнать цену. Этого я пока не умею — вот с чем скоро смогу помочь:", second.Text);
        Assert.Contains(second.SuggestedActions!.Actions!, a => a.Title == "Связаться с человеком");
    }

    [Theory]
    [InlineData("ru-RU", "помощь", "Вот что я умею (часть — совсем скоро):")]
    [InlineData("en-US", "help", "Here's what I can do (some of it very soon):")]
    [InlineData("en-US", "what can you do", "Here's what I can do (some of it very soon):")]
    public async Task Help_lists_what_the_bot_can_do_as_suggested_actions(string locale, string ask, string intro)
    {
        using var flow = Flow(locale);
        await flow.SendAsync("hello");

        var reply = Assert.Single(await flow.SendActivityAsync(flow.Message(ask)));

        Assert.Equal(intro, reply.Text);
        Assert.Equal(6, reply.SuggestedActions!.Actions!.Count);
    }

    [Fact]
    public async Task Cancel_with_nothing_going_on_says_so()
    {
        using var flow = Flow("ru-RU");
        await flow.SendAsync("привет");

        Assert.Equal(["Сейчас нечего отменять. Чем могу помочь?"], await flow.SendAsync("отмена"));
    }

    [Fact]
    public async Task Without_a_locale_the_language_comes_from_the_script_and_is_remembered()
    {
        using var flow = Flow(locale: null);

        var first = Assert.Single(await flow.SendAsync("здравствуйте"));
        var second = Assert.Single(await flow.SendAsync("where is my order #A-10234"));

        Assert.StartsWith("Здравствуйте! Я Staffono", first);
        Assert.Equal("Понял: вы хотите узнать, где заказ. Этого я пока не умею — вот с чем скоро смогу помочь:", second);
    }

    [Theory]
    [InlineData("en-US", "I want to talk to a real person", "Got it, you'd like to talk to a person.")]
    [InlineData("ru-RU", "позовите оператора пожалуйста", "Понял, вы хотите поговорить с человеком.")]
    [InlineData("ru-RU", "ыфвапр олдж", "Не совсем понял вас.")]
    public async Task Each_intent_gets_an_honest_answer(string locale, string text, string answer)
    {
        using var flow = Flow(locale);
        await flow.SendAsync("hello");

        Assert.StartsWith(answer, Assert.Single(await flow.SendAsync(text)));
    }

    [Fact]
    public async Task When_unsure_the_bot_asks_one_question_offering_the_two_likeliest_intents()
    {
        // A policy that trusts nothing below 0.999 makes every message "unsure", so the question is asked.
        var doubtful = new IntentUnderstanding(OfflineIntentClassifier.Default, null, new UnderstandingOptions { MinConfidence = 0.999 });
        using var flow = new DialogTestFlow(new MemoryStorage(), "ru-RU", "conv-doubt", ChannelIds.Webchat, _ => throw new InvalidOperationException(), (c, u) => new StaffonoBot(c, u, new MainDialog(doubtful, []), TimeProvider.System));
        var expected = OfflineIntentClassifier.Default.Predict("хочу перенести запись на пятницу").Ranking.Take(2).Select(r => r.Intent).ToList();

        var question = Assert.Single(await flow.SendActivityAsync(flow.Message("хочу перенести запись на пятницу")));
        // A button posts its own (Russian) title, never the intent's internal name; clicking it picks that intent.
        var buttons = question.SuggestedActions!.Actions!.Select(a => a.Value!.Value.GetString()!).ToList();
        var answer = Assert.Single(await flow.SendAsync(buttons[0]));

        Assert.Equal(Texts.Get("ru", "main.clarify", Texts.Get("ru", "intent." + expected[0]), Texts.Get("ru", "intent." + expected[1])), question.Text);
        Assert.Equal(expected.Select(i => Texts.Get("ru", "intent." + i)), buttons.Select(b => char.ToLowerInvariant(b[0]) + b[1..]));
        Assert.Equal(question.SuggestedActions.Actions!.Select(a => a.Title), buttons);
        Assert.Equal(Texts.Get("ru", "main.not_yet", Texts.Get("ru", "intent." + expected[0])), answer);
        Assert.Equal(Intents.Reschedule, expected[0]);
    }

    [Fact]
    public async Task On_teams_the_six_abilities_come_as_a_card_because_teams_shows_three_suggested_actions()
    {
        using var flow = Flow("en-US", ChannelIds.MsTeams);

        var reply = Assert.Single(await flow.SendActivityAsync(flow.Message("help")));

        Assert.Null(reply.SuggestedActions);
        Assert.Equal(HeroCard.ContentType, reply.Attachments!.Single().ContentType);
    }
}
