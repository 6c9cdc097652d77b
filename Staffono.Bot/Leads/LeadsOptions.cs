namespace Staffono.Bot.Leads;

/// <summary>Settings of section "Crm": where lead events go.</summary>
public sealed class CrmOptions
{
    public const string SectionName = "Crm";

    /// <summary>The URL lead.created and lead.updated events are posted to; empty: none are posted (they wait in the database).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The HMAC-SHA256 key of the X-Staffono-Signature header; empty: one is generated into the data folder.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>False on an instance that must not post (tests drive the sender themselves).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>How often the sender looks for events to post.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry's wait; each next one doubles, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Settings of section "Payments": the test checkout by default, Stripe Checkout when its keys are set.</summary>
public sealed class PaymentsOptions
{
    public const string SectionName = "Payments";

    public StripeOptions Stripe { get; set; } = new();
}

/// <summary>Stripe Checkout's keys (section "Payments:Stripe").</summary>
public sealed class StripeOptions
{
    /// <summary>The secret API key (sk_test_… or sk_live_…); empty: the host's own test checkout page is used.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…), which /api/payments/stripe checks every event with.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Another API base (a test double); empty: Stripe's own.</summary>
    public string? ApiBase { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey);
}
