using System.Net.Http.Json;
using System.Text.Json;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// One person in two conversations at once (two tabs, web chat and Telegram) shares one user state.
/// Their turns must never end in "your message crossed with another one": the user scope merges a
/// conflicting write instead of refusing it, in one process and across two on one database.
/// </summary>
public sealed class SameUserTwoConversationsTests
{
    private const int Pairs = 400;

    [Fact]
    public async Task Four_hundred_users_writing_in_two_conversations_at_once_in_one_process_all_get_answers()
    {
        await using var host = await RunningHost.StartAsync();
        await SayAsync(host.Client, "warm-up", "warm-up");

        var replies = await Task.WhenAll(Enumerable.Range(0, Pairs).SelectMany(i => new[]
        {
            SayAsync(host.Client, $"user-{i}", $"tab-a-{i}"),
            SayAsync(host.Client, $"user-{i}", $"tab-b-{i}"),
        }));

        AssertAllAnsweredNormally(replies);
    }

    [Fact]
    public async Task Four_hundred_users_writing_to_two_processes_on_one_database_all_get_answers()
    {
        using var folder = new TempFolder();
        await using var first = await RunningHost.StartAsync(folder.Path, configureServices: null);
        await using var second = await BotProcess.StartAsync(folder.Path);
        await Task.WhenAll(SayAsync(first.Client, "warm-up-1", "warm-up-1"), SayAsync(second.Client, "warm-up-2", "warm-up-2"));

        var replies = await Task.WhenAll(Enumerable.Range(0, Pairs).SelectMany(i => new[]
        {
            SayAsync(first.Client, $"user-{i}", $"web-{i}"),
            SayAsync(second.Client, $"user-{i}", $"telegram-{i}"),
        }));

        AssertAllAnsweredNormally(replies);
    }

    private static void AssertAllAnsweredNormally(string[][] replies)
    {
        Assert.Equal(2 * Pairs, replies.Length);
        var crossed = replies.Count(r => r.Any(t => t.Contains("пересеклось", StringComparison.Ordinal) || t.Contains("crossed", StringComparison.Ordinal)));
        Assert.True(crossed == 0, $"{crossed} of {replies.Length} turns were told their message crossed with another");
        Assert.All(replies, r => Assert.StartsWith("Здравствуйте", Assert.Single(r)));
    }

    private static async Task<string[]> SayAsync(HttpClient client, string user, string conversation)
    {
        var response = await client.PostAsJsonAsync("api/messages", new
        {
            type = "message", id = Guid.NewGuid().ToString("N"), text = "привет", locale = "ru-RU", channelId = "emulator",
            from = new { id = user, role = "user" }, recipient = new { id = "bot" }, conversation = new { id = conversation },
            deliveryMode = "expectReplies",
        });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray();
    }
}
