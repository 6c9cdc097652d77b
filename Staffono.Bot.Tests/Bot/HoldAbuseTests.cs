using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// Nobody can starve the calendar: strangers who script "book, pick the first slot, give a name" in
/// many anonymous conversations at once are slowed by the per-client limit on new conversations, and
/// the holds they manage to take cover at most half of a staff member's day, so a real customer still
/// gets concrete times.
/// </summary>
public sealed class HoldAbuseTests : IAsyncLifetime
{
    // Thursday 26 November 2026, 10:30 in Moscow: tomorrow Elena cuts hair at Arbat, 12:00-21:00.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero));
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_hundred_and_fifty_scripted_conversations_leave_a_fresh_customer_concrete_slots_tomorrow()
    {
        var attacker = new DirectLineClient(_host.Client);
        var refused = 0;
        // One conversation after another is the worst case: each takes the next free slot nearest 11:00
        // (run all at once, they mostly collide on the same slot and hold less).
        for (var i = 0; i < 150; i++)
        {
            using var response = await _host.Client.PostAsync("v3/directline/tokens/generate", JsonBody("{}"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused++;
                continue;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var conversationId = body.RootElement.GetProperty("conversationId").GetString()!;
            var token = body.RootElement.GetProperty("token").GetString()!;
            await attacker.StartAsync(token, "en-US");
            foreach (var text in new[] { "book a haircut at Arbat tomorrow at 11", "1", "John" })
            {
                await attacker.PostAsync(conversationId, token, text, Guid.NewGuid().ToString("N"), "en-US");
            }
        }

        using var freshHttp = ClientAddress.HttpClient("127.0.0.2", _host.BaseUri);
        var customer = new DirectLineClient(freshHttp);
        var (freshConversation, freshToken) = await customer.GenerateTokenAsync();
        await customer.StartAsync(freshToken, "en-US");
        await customer.PostAsync(freshConversation, freshToken, "book a haircut at Arbat tomorrow at 11", "fresh-1", "en-US");
        var (_, feed) = await customer.GetActivitiesAsync(freshConversation, freshToken);
        var offer = feed.GetProperty("activities").EnumerateArray().Last(a => a.GetProperty("from").GetProperty("role").GetString() == "bot");
        var slots = offer.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList();

        var tomorrow = new DateTime(2026, 11, 27);
        var elenaHeld = (await _host.Services.GetRequiredService<ICalendarStore>().BusyAsync(tomorrow, tomorrow.AddDays(1)))
            .Where(b => b.StaffId == "elena").Aggregate(TimeSpan.Zero, (sum, b) => sum + (b.End - b.Start));

        Assert.True(refused >= 100, $"only {refused} of 150 new conversations were refused");
        Assert.True(elenaHeld <= TimeSpan.FromHours(4.5), $"holds cover {elenaHeld} of Elena's nine hours");
        Assert.True(slots.Count(s => s.StartsWith("Tomorrow at ", StringComparison.Ordinal)) >= 2, "offered: " + string.Join(" | ", slots));
    }

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
