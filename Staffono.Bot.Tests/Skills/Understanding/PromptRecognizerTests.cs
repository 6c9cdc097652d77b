using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Understanding;

public sealed class PromptRecognizerTests
{
    [Theory]
    [InlineData("2", 2L)]
    [InlineData(" 12 ", 12L)]
    [InlineData("две", 2L)]
    [InlineData("Двух", 2L)]
    [InlineData("двадцать пять", 25L)]
    [InlineData("сто двадцать три", 123L)]
    [InlineData("тысяча", 1000L)]
    [InlineData("пять тысяч", 5000L)]
    [InlineData("5к", 5000L)]
    [InlineData("ноль", 0L)]
    [InlineData("одну", 1L)]
    [InlineData("twelve", 12L)]
    [InlineData("Twenty-five", 25L)]
    [InlineData("a hundred", 100L)]
    [InlineData("three hundred and forty", 340L)]
    [InlineData("two thousand", 2000L)]
    [InlineData("5k", 5000L)]
    public void Numbers_in_digits_and_words(string text, long expected)
    {
        Assert.Equal(expected, NumberRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("много")]
    [InlineData("пять яблок")]
    [InlineData("a lot")]
    [InlineData("12abc")]
    public void Not_numbers(string text)
    {
        Assert.Null(NumberRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("да", true)]
    [InlineData("Да!", true)]
    [InlineData("ага", true)]
    [InlineData("конечно", true)]
    [InlineData("Подтверждаю", true)]
    [InlineData("да, всё верно", true)]
    [InlineData("нет", false)]
    [InlineData("не надо", false)]
    [InlineData("Нет, лучше в пятницу", false)]
    [InlineData("неа", false)]
    [InlineData("yes", true)]
    [InlineData("yep", true)]
    [InlineData("Sure!", true)]
    [InlineData("I confirm", true)]
    [InlineData("nope", false)]
    [InlineData("no thanks", false)]
    [InlineData("NO", false)]
    [InlineData("actually no", false)]
    [InlineData("хм, нет", false)]
    [InlineData("ну да", true)]
    [InlineData("well, yes please", true)]
    public void Yes_and_no(string text, bool expected)
    {
        Assert.Equal(expected, ConfirmRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("может быть")]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("надо подумать")]
    [InlineData("ну")]
    [InlineData("actually maybe")]
    public void Neither_yes_nor_no(string text)
    {
        Assert.Null(ConfirmRecognizer.Recognize(text));
    }

    private static readonly IReadOnlyList<IReadOnlyList<string>> Services =
    [
        ["Стрижка", "haircut"],
        ["Окрашивание"],
        ["Маникюр гель-лак", "ногти"],
        ["Педикюр"],
    ];

    [Theory]
    [InlineData("Стрижка", 0)]
    [InlineData("стрижку", null)]
    [InlineData("haircut", 0)]
    [InlineData("ногти", 2)]
    [InlineData("2", 1)]
    [InlineData("4.", 3)]
    [InlineData("второй", 1)]
    [InlineData("вторую", 1)]
    [InlineData("третий вариант", 2)]
    [InlineData("последний", 3)]
    [InlineData("предпоследний", 2)]
    [InlineData("the first one", 0)]
    [InlineData("last", 3)]
    [InlineData("гель", 2)]
    [InlineData("окраш", 1)]
    [InlineData("5", null)]
    [InlineData("пятый", null)]
    [InlineData("кюр", null)]
    [InlineData("что-нибудь", null)]
    public void Choices_by_title_synonym_number_ordinal_or_unambiguous_part(string text, int? expected)
    {
        Assert.Equal(expected, ChoiceRecognizer.Recognize(text, Services));
    }

    [Theory]
    [InlineData("давайте 10:00", 1)]
    [InlineData("ну давай в 10:15", 2)]
    [InlineData("let's do 09:45 please", 0)]
    [InlineData("давайте", null)]
    [InlineData("давайте в 11:00", null)]
    public void Words_that_only_carry_the_pick_are_left_out(string text, int? expected)
    {
        IReadOnlyList<IReadOnlyList<string>> times = [["7 декабря (пн) в 09:45", "09:45"], ["7 декабря (пн) в 10:00", "10:00"], ["7 декабря (пн) в 10:15", "10:15"]];

        Assert.Equal(expected, ChoiceRecognizer.Recognize(text, times));
    }

    [Fact]
    public void A_part_that_fits_two_options_picks_neither()
    {
        IReadOnlyList<IReadOnlyList<string>> options = [["Маникюр классический"], ["Маникюр гель-лак"]];

        Assert.Null(ChoiceRecognizer.Recognize("маникюр", options));
        Assert.Equal(0, ChoiceRecognizer.Recognize("классический", options));
    }

    [Theory]
    [InlineData("помощь", Interruption.Help)]
    [InlineData("Help", Interruption.Help)]
    [InlineData("?", Interruption.Help)]
    [InlineData("что ты умеешь?", Interruption.Help)]
    [InlineData("отмена", Interruption.Cancel)]
    [InlineData("Стоп", Interruption.Cancel)]
    [InlineData("cancel", Interruption.Cancel)]
    [InlineData("stop", Interruption.Cancel)]
    [InlineData("начать сначала", Interruption.StartOver)]
    [InlineData("start over", Interruption.StartOver)]
    [InlineData("отмените запись на завтра", Interruption.None)]
    [InlineData("stop my subscription", Interruption.None)]
    [InlineData("Анна", Interruption.None)]
    [InlineData("позовите оператора", Interruption.Human)]
    [InlineData("Связаться с человеком", Interruption.Human)]
    [InlineData("хм, лучше позовите оператора", Interruption.Human)]
    [InlineData("а можно с живым человеком поговорить?", Interruption.Human)]
    [InlineData("can I talk to a human please", Interruption.Human)]
    [InlineData("Talk to a person", Interruption.Human)]
    [InlineData("оператор сказал, что заказ приедет в понедельник, но его всё нет и никто не отвечает", Interruption.None)]
    [InlineData("the operator said it ships on Monday", Interruption.None)]
    [InlineData("спасибо", Interruption.None)]
    public void Interruptions_are_whole_short_messages(string text, Interruption expected)
    {
        Assert.Equal(expected, InterruptionRecognizer.Recognize(text));
    }
}
