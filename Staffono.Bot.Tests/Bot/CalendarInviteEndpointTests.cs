using Staffono.Skills.Customers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class CalendarInviteEndpointTests : IAsyncLifetime
{
    // Tuesday 2026-11-24 10:30 in Moscow.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_booking_s_invite_is_served_at_its_unguessable_url_follows_its_moves_and_ends_as_a_cancellation()
    {
        var calendar = _host.Services.GetRequiredService<CalendarPlugin>();
        var zone = _host.Services.GetRequiredService<Staffono.Skills.Business.BusinessProfile>().TimeZone;
        var grant = new Staffono.Skills.Ai.DialogGrant();
        var customer = new Customer("webchat/anna", "Анна", null);
        var offer = await calendar.FindSlotsAsync("haircut", "tverskaya", new DateTimeResolution(calendar.LocalNow.Date.AddDays(2), DateTimeGranularity.Day));
        var booking = (await calendar.BookAsync(offer.Slots[0], customer, null, grant))!;

        var response = await _host.Client.GetAsync($"calendar/{booking.IcsToken}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var invite = await ReadInviteAsync(booking.IcsToken);
        Assert.Equal(("PUBLISH", booking.Id + "@staffono", 0, "CONFIRMED"), invite);
        var first = (await IndependentCheckers.ParseIcsAsync(await response.Content.ReadAsStringAsync())).GetProperty("events")[0];
        Assert.StartsWith("Стрижка / Haircut", first.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(booking.Slot.Start, zone), first.GetProperty("start").GetDateTime().ToUniversalTime());

        // Moved: both the old link and the new one serve the new time as the same event, one version on.
        var moved = (await calendar.BookAsync(offer.Slots[1], customer, booking.Id, grant))!;
        Assert.Equal(("PUBLISH", booking.Id + "@staffono", 1, "CONFIRMED"), await ReadInviteAsync(booking.IcsToken));
        Assert.Equal(("PUBLISH", booking.Id + "@staffono", 1, "CONFIRMED"), await ReadInviteAsync(moved.IcsToken));
        var movedEvent = (await IndependentCheckers.ParseIcsAsync(await _host.Client.GetStringAsync($"calendar/{booking.IcsToken}.ics"))).GetProperty("events")[0];
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(moved.Slot.Start, zone), movedEvent.GetProperty("start").GetDateTime().ToUniversalTime());

        // Cancelled: a cancellation of that event, not a 404, so a calendar that imported it can remove it.
        Assert.True(await calendar.CancelAsync(moved.Id, customer, grant));
        Assert.Equal(("CANCEL", booking.Id + "@staffono", 2, "CANCELLED"), await ReadInviteAsync(booking.IcsToken));
        Assert.Equal(("CANCEL", booking.Id + "@staffono", 2, "CANCELLED"), await ReadInviteAsync(moved.IcsToken));

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync($"calendar/{new string('a', 48)}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("calendar/../../etc/passwd.ics")).StatusCode);
    }

    private async Task<(string? Method, string? Uid, int Sequence, string? Status)> ReadInviteAsync(string token)
    {
        var parsed = await IndependentCheckers.ParseIcsAsync(await _host.Client.GetStringAsync($"calendar/{token}.ics"));
        var booking = parsed.GetProperty("events").EnumerateArray().Single();
        return (parsed.GetProperty("method").GetString(), booking.GetProperty("uid").GetString(), booking.GetProperty("sequence").GetInt32(), booking.GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_a_public_base_url_a_telegram_confirmation_links_the_invite_there_and_the_link_works()
    {
        await using var connector = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsJsonAsync(new { id = "ok" }));
        await using var host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false", "--Business:PublicBaseUrl=https://salon.example/bot");
        foreach (var text in new[] { "Можно завтра в 11 на стрижку на Тверской?", "в 11:00", "да" })
        {
            (await host.Client.PostAsJsonAsync("api/messages", new
            {
                type = "message", id = Guid.NewGuid().ToString("N"), text, locale = "ru-RU", channelId = "telegram",
                from = new { id = "tg-anna", name = "Анна", role = "user" }, recipient = new { id = "bot" },
                conversation = new { id = "tg-anna" }, serviceUrl = connector.BaseUri.ToString(),
            })).EnsureSuccessStatusCode();
        }

        var confirmation = connector.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()!)
            .Single(t => t.StartsWith("Готово! Вы записаны на завтра в 11:00.", StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(confirmation, @"https://salon\.example/bot/calendar/([0-9a-f]{48})\.ics");
        Assert.True(link.Success, confirmation);

        var invite = await host.Client.GetAsync($"calendar/{link.Groups[1].Value}.ics");
        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        Assert.Contains("DTSTART:20261125T080000Z", await invite.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_base_url_web_chat_links_the_invite_on_this_host()
    {
        var client = new DirectLineClient(_host.Client);
        var (conversationId, token) = await client.GenerateTokenAsync();
        await client.StartAsync(token);
        await client.SayAsync(conversationId, token, "Можно завтра в 11 на стрижку на Тверской?", "в 11:00", "да");

        var (_, feed) = await client.GetActivitiesAsync(conversationId, token);
        var confirmation = feed.GetProperty("activities").EnumerateArray().Select(a => a.TryGetProperty("text", out var t) ? t.GetString()! : string.Empty)
            .Single(t => t.StartsWith("Готово!", StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(confirmation, System.Text.RegularExpressions.Regex.Escape(_host.BaseUri.ToString()) + @"calendar/([0-9a-f]{48})\.ics");
        Assert.True(link.Success, confirmation);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync(link.Value)).StatusCode);
    }
}
