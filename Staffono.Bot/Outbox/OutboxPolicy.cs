using Microsoft.Extensions.Options;
using Staffono.Runtime.Schema;
using Staffono.Skills.Business;
using Staffono.Skills.Customers;
using Staffono.Skills.Outbox;

namespace Staffono.Bot.Outbox;

/// <summary>
/// The one place that decides whether a proactive message may go out now. In order: a message no longer
/// useful is dropped; a customer who said «стоп» gets nothing they did not ask for; Telegram only reaches
/// users who started the bot; Facebook allows a message within 24 hours of the customer's last one, later
/// only with a tag the business is allowed to use; quiet hours postpone (or drop, if it would then be too late).
/// Nothing is ever sent silently out of policy: every skip is recorded with its reason.
/// </summary>
public sealed class OutboxPolicy(BusinessProfile profile, IContactLog contacts, IOptions<OutboxOptions> options)
{
    public static readonly TimeSpan FacebookWindow = TimeSpan.FromHours(24);

    public async Task<OutboxDecision> DecideAsync(OutboxMessage message, string? channelId, string? rendererTag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.NotAfter is { } notAfter && now >= notAfter)
        {
            return OutboxDecision.Skip("no longer useful");
        }

        var contact = await contacts.FindAsync(message.CustomerKey, cancellationToken);
        if (!message.Transactional && contact?.OptedOutAt is not null)
        {
            return OutboxDecision.Skip("the customer opted out");
        }

        string? tag = null;
        switch (channelId)
        {
            case ChannelIds.Telegram when contact?.LastWrote is null:
                return OutboxDecision.Skip("telegram: the customer never started the bot");
            case ChannelIds.Facebook when contact?.LastWrote is not { } last || now - last > FacebookWindow:
                tag = options.Value.FacebookTags.TryGetValue(message.Kind, out var allowed) ? allowed : null;
                if (tag is null)
                {
                    return OutboxDecision.Skip(rendererTag is null
                        ? "facebook: outside the 24-hour window, and this kind has no tag"
                        : $"facebook: outside the 24-hour window, and the tag {rendererTag} is not allowed for this page (Outbox:FacebookTags)");
                }

                break;
        }

        var local = TimeZoneInfo.ConvertTime(now, profile.TimeZone);
        if (InQuietHours(TimeOnly.FromDateTime(local.DateTime)))
        {
            var quietEnd = local.Date + profile.Booking.QuietTo.ToTimeSpan();
            var resume = new DateTimeOffset(quietEnd <= local.DateTime ? quietEnd.AddDays(1) : quietEnd, local.Offset);
            return message.NotAfter is { } limit && resume >= limit
                ? OutboxDecision.Skip("quiet hours last until it is no longer useful")
                : OutboxDecision.Postpone(resume, "quiet hours");
        }

        return OutboxDecision.Send(tag);
    }

    private bool InQuietHours(TimeOnly at)
    {
        var (from, to) = (profile.Booking.QuietFrom, profile.Booking.QuietTo);
        return from <= to ? at >= from && at < to : at >= from || at < to;
    }
}
