using System.ComponentModel.DataAnnotations;

namespace Staffono.Bot.Reminders;

/// <summary>How the reminder dispatcher works.</summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string SectionName = "Reminders";

    /// <summary>
    /// Whether this instance sends due reminders in the background. With several instances on one
    /// database, any number may dispatch (claims keep each reminder to one sender); false leaves it to others.
    /// </summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>How often due messages are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claimed message is reserved for its sender; after a crash it is sent again after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromSeconds(1) || PollInterval > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Reminders:PollInterval must be between 00:00:01 and 1.00:00:00.", [nameof(PollInterval)]);
        }

        if (Lease < TimeSpan.FromSeconds(5) || Lease > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Reminders:Lease must be between 00:00:05 and 01:00:00.", [nameof(Lease)]);
        }
    }
}
