using Staffono.Skills.Calendar;

namespace Staffono.Bot.Endpoints;

/// <summary>GET /calendar/{token}.ics — a booking's invite at an unguessable URL (the token is 192 random bits).</summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarInvites(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/{token}.ics", async (string token, CalendarPlugin calendar, CancellationToken cancellationToken) =>
            token.Length == 48 && token.All(char.IsAsciiHexDigitLower) && await calendar.InviteAsync(token, cancellationToken) is { } ics
                ? Results.Text(ics, "text/calendar; charset=utf-8")
                : Results.NotFound());
        return endpoints;
    }
}
