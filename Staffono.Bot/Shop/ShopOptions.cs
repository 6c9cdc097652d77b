namespace Staffono.Bot.Shop;

/// <summary>The shop's connection to this host (section "Shop"): its events, codes by e-mail, the demo orders.</summary>
public sealed class ShopOptions
{
    public const string SectionName = "Shop";

    /// <summary>The HMAC key the shop signs its events with. Empty: one is generated into data/shop-events-secret.txt.</summary>
    public string? EventsSecret { get; set; }

    /// <summary>Seeds the demo orders (10231–10252) when the store has none of them. Default: on.</summary>
    public bool DemoOrders { get; set; } = true;

    /// <summary>Overrides the shop file's identity.one_time_code (a code to the order's contact before anything is told).</summary>
    public bool? OneTimeCode { get; set; }

    /// <summary>Where codes to e-mail addresses go; without a host they are written to the mailbox folder like every other message.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Largest photo a customer may attach to a return, in bytes (default 5 MB).</summary>
    public long MaxPhotoBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>An SMTP server for outgoing e-mail.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it (true), or plain (false, for a relay on localhost).</summary>
    public bool UseTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Staffono <no-reply@localhost>";
}
