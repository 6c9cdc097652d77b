using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// A turn that fails never costs the customer their conversation: over the real host, a booking that
/// waits at "which day?" survives a turn that throws and a request the endpoint cannot take.
/// </summary>
public sealed class FailedTurnTests : IAsyncLifetime
{
    private const string Boom = "💥";
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private RunningHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(null, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            // A recognizer with a bug that only this message reaches: the step asking for the day throws.
            services.AddSingleton<IDateTimeRecognizer>(new ThrowingOn(Boom, new DateTimeRecognizer()));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_booking_waiting_for_the_day_survives_a_throwing_turn_and_a_request_without_from()
    {
        var asked = await SayAsync("Хочу записаться на стрижку на Тверской");
        Assert.StartsWith("На какой день и время вас записать?", asked.Last());

        var failed = await SayAsync($"{Boom} завтра");
        var noFrom = await _host.Client.PostAsync("api/messages", new StringContent(
            """{"type":"message","text":"завтра в 11","locale":"ru-RU","channelId":"emulator","conversation":{"id":"survivor"},"deliveryMode":"expectReplies"}""",
            Encoding.UTF8,
            "application/json"));
        var offered = await SayAsync("завтра в 11");

        Assert.Equal(2, failed.Count);
        Assert.StartsWith("Извините, у меня что-то сломалось", failed[0]);
        Assert.StartsWith("На какой день и время вас записать?", failed[1]);
        Assert.Equal(400, (int)noFrom.StatusCode);
        Assert.Matches("^Могу завтра в .*завтра в 11:00", Assert.Single(offered));
    }

    [Fact]
    public async Task Three_failures_in_a_row_start_afresh_with_the_menu()
    {
        await SayAsync("Хочу записаться на стрижку на Тверской");
        await SayAsync($"{Boom} 1");
        await SayAsync($"{Boom} 2");

        var third = await SayAsync($"{Boom} 3");
        var next = await SayAsync("завтра в 11");

        Assert.StartsWith("Извините, у меня снова что-то ломается", Assert.Single(third));
        Assert.DoesNotContain(next, t => t.StartsWith("Могу", StringComparison.Ordinal));
    }

    private async Task<List<string>> SayAsync(string text)
    {
        var response = await _host.Client.PostAsJsonAsync("api/messages", new
        {
            type = "message", id = Guid.NewGuid().ToString("N"), text, locale = "ru-RU", channelId = "emulator",
            from = new { id = "survivor-user", role = "user" }, recipient = new { id = "bot" }, conversation = new { id = "survivor" },
            deliveryMode = "expectReplies",
        });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == "message")
            .Select(a => a.GetProperty("text").GetString()!)
            .ToList();
    }

    private sealed class ThrowingOn(string trigger, IDateTimeRecognizer inner) : IDateTimeRecognizer
    {
        public DateTimeResolution? Recognize(string? text, DateTime reference) =>
            text?.Contains(trigger, StringComparison.Ordinal) == true
                ? throw new InvalidOperationException("a recognizer bug")
                : inner.Recognize(text, reference);
    }
}
