using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Skills.Calendar;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class CalendarInviteEndpointTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_booking_s_invite_is_served_at_its_unguessable_url_until_it_is_cancelled()
    {
        var calendar = _host.Services.GetRequiredService<CalendarPlugin>();
        var customer = new Customer("webchat/anna", "Анна", null);
        var offer = await calendar.FindSlotsAsync("haircut", "tverskaya", new DateTimeResolution(calendar.LocalNow.Date.AddDays(2), DateTimeGranularity.Day));
        var booking = (await calendar.BookAsync(offer.Slots[0], customer))!;

        var response = await _host.Client.GetAsync($"calendar/{booking.IcsToken}.ics");
        var fields = IcsReader.Read(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(booking.Id + "@staffono", fields.Single(f => f.Name == "UID").Value);
        Assert.StartsWith("Стрижка / Haircut", fields.Single(f => f.Name == "SUMMARY").Value);
        Assert.Equal(booking.Slot.Start.AddHours(-3).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), fields.Single(f => f.Name == "DTSTART").Value);

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync($"calendar/{new string('a', 48)}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("calendar/../../etc/passwd.ics")).StatusCode);
        Assert.True(await calendar.CancelAsync(booking.Id, customer));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync($"calendar/{booking.IcsToken}.ics")).StatusCode);
    }
}
