using System.ComponentModel.DataAnnotations;
using Staffono.Bot.Outbox;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class OutboxOptionsTests
{
    [Theory]
    [InlineData("00:00:01", "00:00:05", null)]
    [InlineData("1.00:00:00", "01:00:00", null)]
    [InlineData("00:00:00.999", "00:01:00", "Outbox:PollInterval must be between 00:00:01 and 1.00:00:00.")]
    [InlineData("1.00:00:00.001", "00:01:00", "Outbox:PollInterval must be between 00:00:01 and 1.00:00:00.")]
    [InlineData("00:00:15", "00:00:04.999", "Outbox:Lease must be between 00:00:05 and 01:00:00.")]
    [InlineData("00:00:15", "01:00:00.001", "Outbox:Lease must be between 00:00:05 and 01:00:00.")]
    public void Poll_interval_and_lease_are_kept_within_their_bounds(string pollInterval, string lease, string? error)
    {
        var options = new OutboxOptions
        {
            PollInterval = TimeSpan.Parse(pollInterval, System.Globalization.CultureInfo.InvariantCulture),
            Lease = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture),
        };

        var errors = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Equal(error is null ? [] : [error], errors);
    }

    [Fact]
    public void By_default_an_instance_dispatches_within_each_channels_published_limits()
    {
        var options = new OutboxOptions();

        Assert.True(options.Dispatch);
        Assert.Equal(
            [("facebook", 40d), ("msteams", 50d), ("telegram", 30d)],
            options.PerSecond.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal([("telegram", 1d)], options.PerChatPerSecond.Select(p => (p.Key, p.Value)));
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(-1.0, false)]
    [InlineData(100_000.5, false)]
    [InlineData(double.NaN, false)]
    [InlineData(0.001, true)]
    [InlineData(100_000.0, true)]
    public void A_rate_must_be_above_zero_and_at_most_100000_a_second_in_either_dictionary(double rate, bool valid)
    {
        var overall = new OutboxOptions { PerSecond = new() { ["telegram"] = rate }, PerChatPerSecond = [] };
        var perChat = new OutboxOptions { PerSecond = [], PerChatPerSecond = new() { ["facebook"] = rate } };

        var expected = "must be above 0 and at most 100000 per second.";
        Assert.Equal(valid ? [] : [$"Outbox rate for 'telegram' {expected}"], overall.Validate(new ValidationContext(overall)).Select(r => r.ErrorMessage));
        Assert.Equal(valid ? [] : [$"Outbox rate for 'facebook' {expected}"], perChat.Validate(new ValidationContext(perChat)).Select(r => r.ErrorMessage));
    }

    [Fact]
    public void Every_bad_rate_is_reported_not_only_the_first()
    {
        var options = new OutboxOptions
        {
            PerSecond = new() { ["telegram"] = 0, ["msteams"] = 50 },
            PerChatPerSecond = new() { ["telegram"] = -2, ["facebook"] = 1 },
        };

        var errors = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Outbox rate for 'telegram' ", e, StringComparison.Ordinal));
    }
}
