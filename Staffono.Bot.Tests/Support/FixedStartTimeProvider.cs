namespace Staffono.Bot.Tests.Support;

/// <summary>
/// A clock that starts at a chosen moment and then runs at real speed, with real timers. For tests
/// driven from outside (a browser) that need a known "today" but must not stop time: keep-alives,
/// polling and token refresh still tick as they would in production.
/// </summary>
public sealed class FixedStartTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly long _startedAt = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_startedAt);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
