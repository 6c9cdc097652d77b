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
}
