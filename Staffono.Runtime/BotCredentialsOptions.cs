using System.ComponentModel.DataAnnotations;

namespace Staffono.Runtime;

/// <summary>
/// The bot's identity, under the same top-level keys Azure's templates and App Service settings use
/// (MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId), plus the
/// endpoints tests point at loopback. No app id = anonymous local mode (PROTOCOL.md §3).
/// </summary>
public sealed class BotCredentialsOptions : IValidatableObject
{
    /// <summary>Bound from the configuration root: the keys are top-level, as in Azure.</summary>
    public const string SectionName = "";

    public const string MultiTenant = "MultiTenant";
    public const string SingleTenant = "SingleTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    /// <summary>The tenant that issues tokens to multi-tenant bots.</summary>
    public const string MultiTenantTokenTenant = "botframework.com";

    public string MicrosoftAppType { get; set; } = MultiTenant;

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata of the Bot Framework token service (channel tokens).</summary>
    [Required]
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata of Entra ID (Entra-issued channel tokens, Emulator tokens).</summary>
    [Required]
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where outbound tokens come from.</summary>
    [Required]
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Scope of outbound client-credential tokens.</summary>
    [Required]
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Resource of outbound managed-identity tokens.</summary>
    [Required]
    public string ConnectorResource { get; set; } = "https://api.botframework.com";

    /// <summary>Metadata must be fetched over HTTPS; only tests with a loopback OpenID server turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Allowed clock difference when checking a token's lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often signing keys are fetched again (at least daily, per the protocol).</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The least time between two fetches of the signing keys, however many tokens name a key the set
    /// lacks (5 minutes, as the Bot Framework SDK): forged tokens cannot make the bot fetch on demand.
    /// </summary>
    public TimeSpan MetadataMinRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, SingleTenant, StringComparison.OrdinalIgnoreCase);

    public bool IsManagedIdentity => string.Equals(MicrosoftAppType, UserAssignedMsi, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(MicrosoftAppType, MultiTenant, StringComparison.OrdinalIgnoreCase) && !IsSingleTenant && !IsManagedIdentity)
        {
            yield return new ValidationResult(
                $"MicrosoftAppType must be {MultiTenant}, {SingleTenant} or {UserAssignedMsi}, not '{MicrosoftAppType}'.",
                [nameof(MicrosoftAppType)]);
        }

        if (IsAnonymous)
        {
            yield break;
        }

        if (!IsManagedIdentity && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return new ValidationResult("MicrosoftAppPassword is required when MicrosoftAppId is set (except for UserAssignedMSI).", [nameof(MicrosoftAppPassword)]);
        }

        if ((IsSingleTenant || IsManagedIdentity) && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return new ValidationResult($"MicrosoftAppTenantId is required for {MicrosoftAppType}.", [nameof(MicrosoftAppTenantId)]);
        }

        if (MetadataMinRefreshInterval < TimeSpan.FromSeconds(1) || MetadataMinRefreshInterval > MetadataRefreshInterval)
        {
            yield return new ValidationResult("MetadataMinRefreshInterval must be at least 00:00:01 and at most MetadataRefreshInterval.", [nameof(MetadataMinRefreshInterval)]);
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(30))
        {
            yield return new ValidationResult("ClockSkew must be between 0 and 30 minutes.", [nameof(ClockSkew)]);
        }
    }
}
