using Staffono.Dialogs.Engine;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs;

public sealed class TextsTests
{
    [Fact]
    public void Every_text_exists_in_russian_and_english_and_neither_is_empty()
    {
        var ru = Texts.For(TurnLanguage.Russian);
        var en = Texts.For(TurnLanguage.English);

        Assert.Equal(ru.Keys.Order(), en.Keys.Order());
        Assert.All(ru.Concat(en), pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
        Assert.All(ru, pair => Assert.Matches("[а-яА-Я]", pair.Value));
    }

    [Fact]
    public void An_unknown_key_is_an_error_not_a_text_shown_to_a_customer()
    {
        Assert.Throws<KeyNotFoundException>(() => Texts.Get(TurnLanguage.English, "no.such.key"));
    }
}
