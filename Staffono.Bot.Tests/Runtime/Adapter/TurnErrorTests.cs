using Staffono.Runtime.Adapter;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Adapter;

public sealed class TurnErrorTests : IDisposable
{
    private readonly AdapterHarness _harness = new();
    private readonly IStatePropertyAccessor<int> _counter;
    private readonly DelegateBot _bot;

    public TurnErrorTests()
    {
        _counter = _harness.ConversationState.CreateProperty<int>("counter");
        _bot = new DelegateBot(async (turn, ct) =>
        {
            var count = await _counter.GetAsync(turn, () => 0, ct) + 1;
            await _counter.SetAsync(turn, count, ct);
            if (turn.Activity.Text?.StartsWith("boom", StringComparison.Ordinal) == true)
            {
                throw new InvalidOperationException("a dialog step broke");
            }

            await turn.SendActivityAsync($"turn {count}", ct);
        });
    }

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("ru-RU", "Извините")]
    [InlineData("en-US", "Sorry")]
    [InlineData(null, "Извините")]
    public async Task A_throwing_bot_apologises_in_the_users_language_clears_state_and_the_next_turn_works(string? locale, string apology)
    {
        await _harness.SendAsync(AdapterHarness.Message("привет", locale: locale), _bot);
        await _harness.SendAsync(AdapterHarness.Message("ещё", locale: locale), _bot);

        var failed = await _harness.SendAsync(AdapterHarness.Message(locale is null ? "boom, всё сломалось" : "boom", locale: locale), _bot);

        Assert.Equal(200, failed.Status);
        Assert.StartsWith(apology, AdapterHarness.Replies(failed).Single().Text);
        Assert.Empty(await _harness.Storage.ReadAsync(["webchat/conversations/conv-1"]));

        var next = await _harness.SendAsync(AdapterHarness.Message("hello again", locale: locale), _bot);

        Assert.Equal("turn 1", AdapterHarness.Replies(next).Single().Text);
    }

    [Fact]
    public async Task Without_a_locale_an_english_text_gets_an_english_apology()
    {
        var failed = await _harness.SendAsync(AdapterHarness.Message("boom", locale: null), _bot);

        Assert.StartsWith("Sorry", AdapterHarness.Replies(failed).Single().Text);
    }
}
