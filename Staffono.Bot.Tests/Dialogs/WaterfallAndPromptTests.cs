using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Runtime.Schema;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs;

public sealed class WaterfallAndPromptTests
{
    [Fact]
    public async Task A_waterfall_asks_each_step_in_turn_and_finishes_in_russian()
    {
        var root = new RootDialog();
        using var flow = new DialogTestFlow(root);

        Assert.Equal(["Как вас зовут?"], await flow.SendAsync("хочу заказать"));
        Assert.Equal(["Сколько штук?"], await flow.SendAsync("Анна"));
        Assert.Equal(["Какой размер?"], await flow.SendAsync("две"));
        var confirm = await flow.SendAsync("второй");
        Assert.True(flow.Errors.Count == 0, string.Join("\n", flow.Errors));
        Assert.Equal(["Анна: 2 x M. Подтверждаете?"], confirm);
        Assert.Equal(["OK Анна: 2 x M"], await flow.SendAsync("ага"));
        Assert.Equal(["Анна: 2 x M"], root.Results);
    }

    [Fact]
    public async Task The_same_waterfall_in_english()
    {
        var root = new RootDialog();
        using var flow = new DialogTestFlow(root, locale: "en-US");

        Assert.Equal(["What's your name?"], await flow.SendAsync("order please"));
        Assert.Equal(["How many?"], await flow.SendAsync("Ann"));
        Assert.Equal(["Which size?"], await flow.SendAsync("twelve"));
        Assert.Equal(["Ann: 12 x S. Confirm?"], await flow.SendAsync("the first one"));
        Assert.Equal(["Not ordered"], await flow.SendAsync("nope"));
        Assert.Equal(["(none)"], root.Results);
    }

    [Fact]
    public async Task A_value_already_known_is_not_asked_again()
    {
        using var flow = new DialogTestFlow(new RootDialog(options: new OrderOptions("Олег")));

        Assert.Equal(["Сколько штук?"], await flow.SendAsync("закажите мне"));
    }

    [Fact]
    public async Task Choices_and_confirmations_are_offered_as_buttons()
    {
        using var flow = new DialogTestFlow(new RootDialog(options: new OrderOptions("Олег")));
        await flow.SendAsync("заказ");
        var size = (await flow.SendActivityAsync(flow.Message("3"))).Single();
        var confirm = (await flow.SendActivityAsync(flow.Message("последний"))).Single();

        Assert.Equal(["Маленький", "Средний", "Большой"], size.SuggestedActions!.Actions!.Select(a => a.Title));
        // A button posts its title (what the customer sees as their own message), not the internal value "S", "M", "L".
        Assert.Equal(["Маленький", "Средний", "Большой"], size.SuggestedActions.Actions!.Select(a => a.Value!.Value.GetString()));
        Assert.Equal(["Да", "Нет"], confirm.SuggestedActions!.Actions!.Select(a => a.Title));
        Assert.Equal("Олег: 3 x L. Подтверждаете?", confirm.Text);
    }

    [Fact]
    public async Task A_wrong_answer_is_asked_again_and_the_validator_can_refuse_a_recognized_one()
    {
        using var flow = new DialogTestFlow(new RootDialog(options: new OrderOptions("Олег")));
        await flow.SendAsync("заказ");

        Assert.Equal(["От 1 до 20, пожалуйста."], await flow.SendAsync("много"));
        Assert.Equal(["От 1 до 20, пожалуйста."], await flow.SendAsync("сто"));
        Assert.Equal(["Какой размер?"], await flow.SendAsync("пять"));
    }

    [Fact]
    public async Task After_the_attempt_limit_the_prompt_gives_up_politely_and_the_next_message_starts_fresh()
    {
        var root = new RootDialog(options: new OrderOptions("Олег"));
        using var flow = new DialogTestFlow(root);
        await flow.SendAsync("заказ");
        await flow.SendAsync("абракадабра");
        await flow.SendAsync("ещё раз чушь");

        var gaveUp = await flow.SendAsync("и снова");

        Assert.Single(gaveUp);
        Assert.StartsWith("Давайте пока оставим это", gaveUp[0]);
        Assert.Equal(["Сколько штук?"], await flow.SendAsync("заказ"));
    }

    [Fact]
    public async Task The_default_retry_repeats_the_question_with_a_hint()
    {
        using var flow = new DialogTestFlow(new RootDialog(options: new OrderOptions("Олег")));
        await flow.SendAsync("заказ");
        await flow.SendAsync("4");

        Assert.Equal(["Выберите, пожалуйста, один из вариантов — можно написать номер.\nКакой размер?"], await flow.SendAsync("фиолетовый"));
        Assert.Equal(["Олег: 4 x L. Подтверждаете?"], await flow.SendAsync("огромный"));
        Assert.Equal(["Ответьте, пожалуйста, «да» или «нет».\nОлег: 4 x L. Подтверждаете?"], await flow.SendAsync("может быть"));
    }

    [Fact]
    public async Task Help_mid_dialog_answers_and_repeats_the_pending_question()
    {
        using var flow = new DialogTestFlow(new RootDialog());
        await flow.SendAsync("заказ");
        await flow.SendAsync("Анна");

        Assert.Equal(["HELP", "Сколько штук?"], await flow.SendAsync("помощь"));
        Assert.Equal(["Какой размер?"], await flow.SendAsync("3"));
    }

    [Theory]
    [InlineData("ru-RU", "отмена", "Хорошо, отменил. Чем ещё могу помочь?")]
    [InlineData("ru-RU", "Стоп!", "Хорошо, отменил. Чем ещё могу помочь?")]
    [InlineData("en-US", "cancel", "OK, cancelled. What else can I do for you?")]
    [InlineData("en-US", "stop", "OK, cancelled. What else can I do for you?")]
    public async Task Cancel_mid_dialog_drops_the_use_case(string locale, string cancel, string answer)
    {
        var root = new RootDialog();
        using var flow = new DialogTestFlow(root, locale: locale);
        await flow.SendAsync("order");
        await flow.SendAsync("Anna");

        Assert.Equal([answer], await flow.SendAsync(cancel));
        Assert.Empty(root.Results);
        Assert.Equal([locale == "ru-RU" ? "Как вас зовут?" : "What's your name?"], await flow.SendAsync("order"));
    }

    [Fact]
    public async Task Start_over_drops_the_use_case_and_says_so()
    {
        using var flow = new DialogTestFlow(new RootDialog());
        await flow.SendAsync("заказ");
        await flow.SendAsync("Анна");

        Assert.Equal(["Хорошо, начнём сначала."], await flow.SendAsync("начать сначала"));
        Assert.Equal(["Как вас зовут?"], await flow.SendAsync("заказ"));
    }

    [Fact]
    public async Task State_survives_between_turns_in_storage_so_a_restart_continues_where_the_customer_was()
    {
        var storage = new MemoryStorage();
        using (var before = new DialogTestFlow(new RootDialog(), storage))
        {
            await before.SendAsync("заказ");
            await before.SendAsync("Анна");
        }

        using var after = new DialogTestFlow(new RootDialog(), storage);

        Assert.Equal(["Какой размер?"], await after.SendAsync("7"));
    }

    [Fact]
    public async Task A_changed_waterfall_restarts_with_an_apology_instead_of_resuming_at_a_wrong_step()
    {
        var storage = new MemoryStorage();
        using (var v1 = new DialogTestFlow(new RootDialog(), storage))
        {
            await v1.SendAsync("заказ");
            await v1.SendAsync("Анна");
        }

        // Same dialogs, one step added at the start: the saved step index would now point at another question.
        var root = new RootDialog(new OrderDialog(askCityFirst: true));
        using var v2 = new DialogTestFlow(root, storage);

        var replies = await v2.SendAsync("5");

        Assert.Equal(["Извините, я обновился и потерял нить разговора. Давайте начнём этот шаг заново.", "Ваш город?"], replies);
        Assert.Equal(["Как вас зовут?"], await v2.SendAsync("Казань"));
    }

    [Fact]
    public async Task A_changed_use_case_restarts_alone_and_the_root_keeps_its_place()
    {
        var storage = new MemoryStorage();
        using (var v1 = new DialogTestFlow(new RootDialog(), storage))
        {
            await v1.SendAsync("заказ");
        }

        var root = new RootDialog(new OrderDialogWithExtraStep());
        using var v2 = new DialogTestFlow(root, storage);

        Assert.Equal(["Извините, я обновился и потерял нить разговора. Давайте начнём этот шаг заново.", "Ваш город?"], await v2.SendAsync("Анна"));
        Assert.Equal(["Как вас зовут?"], await v2.SendAsync("Казань"));
        Assert.Equal(["Анна"], await v2.SendAsync("Анна").ContinueWith(_ => root.Results));
    }

    [Fact]
    public async Task A_throwing_step_gets_an_apology_and_the_answer_can_be_given_again()
    {
        var fail = true;
        var order = new OrderDialog(beforeSummary: _ => fail ? throw new InvalidOperationException("step broke") : Task.CompletedTask);
        using var flow = new DialogTestFlow(new RootDialog(order, new OrderOptions("Олег")));
        await flow.SendAsync("заказ");
        await flow.SendAsync("1");
        var confirmation = await flow.SendAsync("1");

        var failed = await flow.SendAsync("да");
        fail = false;
        var retried = await flow.SendAsync("да");

        Assert.StartsWith("Извините, что-то пошло не так", Assert.Single(failed));
        // The failed turn's changes were dropped: the same confirmation is still pending and now succeeds.
        using var clean = new DialogTestFlow(new RootDialog(new OrderDialog(), new OrderOptions("Олег")));
        await clean.SendAsync("заказ");
        await clean.SendAsync("1");
        Assert.Equal(confirmation, await clean.SendAsync("1"));
        Assert.Equal(await clean.SendAsync("да"), retried);
    }

    [Fact]
    public async Task Non_message_activities_do_not_answer_a_pending_prompt()
    {
        using var flow = new DialogTestFlow(new RootDialog());
        await flow.SendAsync("заказ");
        var typing = flow.Message("");
        typing.Type = ActivityTypes.Typing;

        Assert.Empty(await flow.SendActivityAsync(typing));
        Assert.Equal(["Сколько штук?"], await flow.SendAsync("Анна"));
    }

    /// <summary>The order dialog as a later release might define it: same id, a city question first.</summary>
    private sealed class OrderDialogWithExtraStep : ComponentDialog
    {
        public OrderDialogWithExtraStep()
            : base(OrderDialog.Id_)
        {
            AddDialog(new WaterfallDialog("order.steps",
            [
                (step, ct) => step.PromptAsync("text", PromptOptions.Ask("Ваш город?"), ct),
                (step, ct) => step.PromptAsync("text", PromptOptions.Ask("Как вас зовут?"), ct),
                (step, ct) => step.EndDialogAsync(step.Result, ct),
            ]));
            AddDialog(new TextPrompt("text"));
        }
    }

}
