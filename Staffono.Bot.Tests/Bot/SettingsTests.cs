using Microsoft.Extensions.DependencyInjection;
using Staffono.Runtime.State;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>Settings the README documents reach the code they promise to change, through the real host's configuration.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData(null, 1L)]          // NORMAL: a commit survives a crash of the process, not necessarily a power cut
    [InlineData("true", 2L)]        // FULL: every commit waits for the disk
    public async Task Storage_FlushEveryWrite_decides_whether_each_commit_waits_for_the_disk(string? setting, long synchronous)
    {
        await using var host = await RunningHost.StartAsync(setting is null ? [] : [$"--Storage:FlushEveryWrite={setting}"]);
        var database = host.Services.GetRequiredService<SqliteDatabase>();

        Assert.Equal(synchronous, await Staffono.Bot.Tests.Runtime.State.StateGuardTests.SyncLevelOfWritesAsync(database));
    }

    [Fact]
    public async Task Understanding_MinMargin_is_the_gap_between_the_top_two_intents_below_which_the_bot_asks()
    {
        const string Message = "хочу вернуть заказ";
        await using var defaults = await RunningHost.StartAsync();
        var first = await defaults.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(Message);
        var margin = first.Prediction.Confidence - first.Prediction.RunnerUp!.Probability;
        var c = System.Globalization.CultureInfo.InvariantCulture;

        await using var above = await RunningHost.StartAsync(string.Create(c, $"--Understanding:MinMargin={margin + 0.001}"));
        await using var below = await RunningHost.StartAsync(string.Create(c, $"--Understanding:MinMargin={margin - 0.001}"));
        var asks = await above.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(Message);
        var answers = await below.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(Message);

        Assert.False(first.IsUnsure);
        Assert.True(asks.IsUnsure);
        Assert.Equal([Intents.Return, Intents.OrderStatus], asks.Alternatives);
        Assert.False(answers.IsUnsure);
        Assert.Equal([Intents.Return], answers.Alternatives);
    }

    [Fact]
    public async Task Understanding_MinConfidence_is_the_lowest_confidence_the_bot_acts_on_without_asking()
    {
        const string Message = "ну это самое, хочу записаться";
        await using var defaults = await RunningHost.StartAsync("--Understanding:MinMargin=0");
        var first = await defaults.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(Message);
        var c = System.Globalization.CultureInfo.InvariantCulture;

        await using var exactly = await RunningHost.StartAsync("--Understanding:MinMargin=0", string.Create(c, $"--Understanding:MinConfidence={first.Prediction.Confidence:R}"));
        await using var above = await RunningHost.StartAsync("--Understanding:MinMargin=0", string.Create(c, $"--Understanding:MinConfidence={Math.Min(1, first.Prediction.Confidence + 0.001):R}"));

        Assert.False((await exactly.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(Message)).IsUnsure);
        Assert.True((await above.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(Message)).IsUnsure);
        // No text at all is understood as the empty message, not as anything else.
        var none = await defaults.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(null);
        var empty = await defaults.Services.GetRequiredService<IntentUnderstanding>().UnderstandAsync(string.Empty);
        Assert.Equal((empty.Intent, empty.Prediction.Confidence), (none.Intent, none.Prediction.Confidence));
    }
}
