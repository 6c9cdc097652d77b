using System.ComponentModel.DataAnnotations;

namespace Staffono.Bot.Outbox;

/// <summary>How the outbox dispatcher works (section "Outbox").</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// Whether this instance sends due messages in the background. With several instances on one
    /// database, any number may dispatch (claims keep each message to one sender); false leaves it to others.
    /// </summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>How often due messages are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claimed message is reserved for its sender; after a crash it is sent again after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Facebook message tags the business is allowed to use outside the 24-hour window, by message kind
    /// (e.g. <c>booking.reminder: CONFIRMED_EVENT_UPDATE</c>). Empty by default: Meta has retired the classic
    /// tags for many pages, so a message outside the window is recorded as skipped rather than sent out of policy.
    /// </summary>
    public Dictionary<string, string> FacebookTags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Sends per second by channel id, across all chats (Telegram ~30, Teams ~50 per app). A channel not named is not limited.</summary>
    public Dictionary<string, double> PerSecond { get; set; } = new(StringComparer.Ordinal) { ["telegram"] = 30, ["msteams"] = 50, ["facebook"] = 40 };

    /// <summary>Sends per second to one chat, by channel id (Telegram ~1).</summary>
    public Dictionary<string, double> PerChatPerSecond { get; set; } = new(StringComparer.Ordinal) { ["telegram"] = 1 };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromSeconds(1) || PollInterval > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Outbox:PollInterval must be between 00:00:01 and 1.00:00:00.", [nameof(PollInterval)]);
        }

        if (Lease < TimeSpan.FromSeconds(5) || Lease > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Outbox:Lease must be between 00:00:05 and 01:00:00.", [nameof(Lease)]);
        }

        foreach (var (channel, rate) in PerSecond.Concat(PerChatPerSecond))
        {
            if (!(rate > 0 && rate <= 100_000))
            {
                yield return new ValidationResult($"Outbox rate for '{channel}' must be above 0 and at most 100000 per second.", [nameof(PerSecond)]);
            }
        }
    }
}
