using System.ComponentModel.DataAnnotations;

namespace Staffono.Dialogs.Handoff;

/// <summary>Settings of handoffs to people (section "Handoff").</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>Operators (console and Teams) or Protocol (an agent hub).</summary>
    public HandoffMode Mode { get; set; } = HandoffMode.Operators;

    /// <summary>How long a ticket may wait for a person while the business is open before it is escalated; urgent ones get half.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ClaimWithin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often waiting tickets are checked for escalation; claim windows are minutes, so half a minute is plenty.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The operators' language for cards and the console's texts from the bot ("ru" or "en").</summary>
    [RegularExpression("^(ru|en)$", ErrorMessage = "Handoff:OperatorLanguage must be ru or en.")]
    public string OperatorLanguage { get; set; } = "ru";

    /// <summary>The key operators sign in to /operator with; when empty, one is generated into the data folder and printed at start.</summary>
    [MinLength(16, ErrorMessage = "Handoff:OperatorKey must be at least 16 characters.")]
    public string? OperatorKey { get; set; }

    /// <summary>Where the console is reachable (for the transcript link on cards); defaults to Business:PublicBaseUrl or the host's address.</summary>
    public string? ConsoleUrl { get; set; }

    /// <summary>How long a configured model may take to write a ticket's summary before the template is used.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan SummaryTimeout { get; set; } = TimeSpan.FromSeconds(4);

    public TeamsOperatorOptions Teams { get; set; } = new();
}
