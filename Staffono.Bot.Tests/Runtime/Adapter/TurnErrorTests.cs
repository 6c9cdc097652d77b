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
    public async Task A_throwing_turn_apologises_in_the_users_language_and_keeps_the_last_good_state(string? locale, string apology)
    {
        await _harness.SendAsync(AdapterHarness.Message("привет", locale: locale), _bot);
        await _harness.SendAsync(AdapterHarness.Message("ещё", locale: locale), _bot);

        var failed = await _harness.SendAsync(AdapterHarness.Message(locale is null ? "boom, всё сломалось" : "boom", locale: locale), _bot);
        var next = await _harness.SendAsync(AdapterHarness.Message("hello again", locale: locale), _bot);

        Assert.Equal(200, failed.Status);
        Assert.StartsWith(apology, AdapterHarness.Replies(failed).Single().Text);
        // The failed turn counted to 3, but that change was dropped: the next turn finds the count the last good one saved.
        Assert.Equal("turn 3", AdapterHarness.Replies(next).Single().Text);
    }

    [Fact]
    public async Task Three_failures_in_a_row_start_the_conversation_afresh_and_a_success_in_between_forgives()
    {
        await _harness.SendAsync(AdapterHarness.Message("one"), _bot);
        await _harness.SendAsync(AdapterHarness.Message("boom 1"), _bot);
        await _harness.SendAsync(AdapterHarness.Message("boom 2"), _bot);
        var survived = await _harness.SendAsync(AdapterHarness.Message("two"), _bot);
        await _harness.SendAsync(AdapterHarness.Message("boom 3"), _bot);
        await _harness.SendAsync(AdapterHarness.Message("boom 4"), _bot);
        var third = await _harness.SendAsync(AdapterHarness.Message("boom 5"), _bot);
        var afresh = await _harness.SendAsync(AdapterHarness.Message("three"), _bot);

        Assert.Equal("turn 2", AdapterHarness.Replies(survived).Single().Text);
        Assert.Contains("start over", AdapterHarness.Replies(third).Single().Text, StringComparison.Ordinal);
        Assert.Equal("turn 1", AdapterHarness.Replies(afresh).Single().Text);
    }

    [Fact]
    public async Task Without_a_locale_an_english_text_gets_an_english_apology()
    {
        var failed = await _harness.SendAsync(AdapterHarness.Message("boom", locale: null), _bot);

        Assert.StartsWith("Sorry", AdapterHarness.Replies(failed).Single().Text);
    }
}
