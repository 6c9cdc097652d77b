using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Authentication;

/// <summary>
/// Validates the bearer token of an inbound request (PROTOCOL.md §3): Bot Framework channel tokens,
/// Entra-issued channel tokens and Emulator tokens, each with its own rules; signing keys come from
/// configurable OpenID metadata, cached and refreshed.
/// </summary>
public sealed class BotRequestAuthenticator : IRequestAuthenticator
{
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotCredentialsOptions _options;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _channelMetadata;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _entraMetadata;
    private readonly IReadOnlyList<string> _entraIssuers;

    public BotRequestAuthenticator(BotCredentialsOptions options, HttpClient? metadataHttpClient = null, ILogger<BotRequestAuthenticator>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _channelMetadata = CreateManager(options.ChannelOpenIdMetadataUrl, metadataHttpClient);
        _entraMetadata = CreateManager(options.EntraOpenIdMetadataUrl, metadataHttpClient);
        _entraIssuers = BotTokenIssuers.Entra(options.MicrosoftAppTenantId);
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var hasHeader = !string.IsNullOrWhiteSpace(authorizationHeader);
        if (_options.IsAnonymous)
        {
            // Local use and the Emulator without credentials. A token we cannot check is refused rather than ignored.
            return hasHeader
                ? AuthenticationResult.Fail("The request carries a token, but no MicrosoftAppId is configured to validate it against.")
                : AuthenticationResult.Anonymous;
        }

        if (!hasHeader)
        {
            return AuthenticationResult.Fail("The Authorization header is missing.");
        }

        const string scheme = "Bearer ";
        if (!authorizationHeader!.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail("The Authorization header is not a Bearer token.");
        }

        var raw = authorizationHeader[scheme.Length..].Trim();
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return AuthenticationResult.Fail("The bearer token is not a well-formed JWT.");
        }

        if (!AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            // Checked before any key is touched: "none" and symmetric algorithms never reach signature validation.
            return AuthenticationResult.Fail($"The token's signing algorithm '{token.Alg}' is not allowed (RS256/384/512 only).");
        }

        try
        {
            if (string.Equals(token.Issuer, BotTokenIssuers.BotFramework, StringComparison.Ordinal))
            {
                return await ValidateChannelTokenAsync(raw, activity, _channelMetadata, [BotTokenIssuers.BotFramework], cancellationToken);
            }

            if (_entraIssuers.Contains(token.Issuer, StringComparer.Ordinal))
            {
                return token.TryGetClaim("serviceurl", out _)
                    ? await ValidateChannelTokenAsync(raw, activity, _entraMetadata, _entraIssuers, cancellationToken)
                    : await ValidateEmulatorTokenAsync(raw, token, cancellationToken);
            }

            return AuthenticationResult.Fail($"The token's issuer '{token.Issuer}' is not trusted.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not validate an inbound token");
            return AuthenticationResult.Fail("The token could not be validated: signing keys are unavailable.");
        }
    }

    private async Task<AuthenticationResult> ValidateChannelTokenAsync(
        string raw,
        Activity activity,
        ConfigurationManager<OpenIdConnectConfiguration> metadata,
        IReadOnlyList<string> issuers,
        CancellationToken cancellationToken)
    {
        var (result, config) = await ValidateSignatureAndClaimsAsync(raw, metadata, issuers, [_options.MicrosoftAppId!], cancellationToken);
        if (!result.IsValid)
        {
            return Fail(result);
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return AuthenticationResult.Fail("The channel token has no serviceurl claim.");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail("The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        var endorsements = EndorsementsOf(config, token.Kid);
        if (endorsements is not null && !endorsements.Contains(activity.ChannelId ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail($"The signing key is not endorsed for channel '{activity.ChannelId}'.");
        }

        return AuthenticationResult.Success(result.ClaimsIdentity);
    }

    private async Task<AuthenticationResult> ValidateEmulatorTokenAsync(string raw, JsonWebToken token, CancellationToken cancellationToken)
    {
        // The Emulator signs in as the bot itself: the audience varies by version, the caller's app id must be ours.
        var (result, _) = await ValidateSignatureAndClaimsAsync(raw, _entraMetadata, _entraIssuers, audiences: null, cancellationToken);
        if (!result.IsValid)
        {
            return Fail(result);
        }

        token.TryGetPayloadValue<string>("ver", out var version);
        var appIdClaim = version switch
        {
            "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null)
        {
            return AuthenticationResult.Fail($"The Emulator token has an unknown version '{version}'.");
        }

        if (!token.TryGetPayloadValue<string>(appIdClaim, out var appId) || !string.Equals(appId, _options.MicrosoftAppId, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail($"The Emulator token's {appIdClaim} is not this bot's app id.");
        }

        return AuthenticationResult.Success(result.ClaimsIdentity);
    }

    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Config)> ValidateSignatureAndClaimsAsync(
        string raw,
        ConfigurationManager<OpenIdConnectConfiguration> metadata,
        IReadOnlyList<string> issuers,
        IReadOnlyList<string>? audiences,
        CancellationToken cancellationToken)
    {
        var config = await metadata.GetConfigurationAsync(cancellationToken);
        var result = await _handler.ValidateTokenAsync(raw, CreateParameters(config, issuers, audiences));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: fetch the metadata once more before refusing a token signed with a new key.
            metadata.RequestRefresh();
            config = await metadata.GetConfigurationAsync(cancellationToken);
            result = await _handler.ValidateTokenAsync(raw, CreateParameters(config, issuers, audiences));
        }

        return (result, config);
    }

    private TokenValidationParameters CreateParameters(OpenIdConnectConfiguration config, IReadOnlyList<string> issuers, IReadOnlyList<string>? audiences) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers,
        ValidateAudience = audiences is not null,
        ValidAudiences = audiences,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _options.ClockSkew,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        IssuerSigningKeys = config.SigningKeys,
        ValidAlgorithms = AllowedAlgorithms,
    };

    private static IReadOnlyList<string>? EndorsementsOf(OpenIdConnectConfiguration config, string? keyId)
    {
        var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            IEnumerable<object> items => items.Select(i => i?.ToString() ?? string.Empty).ToList(),
            _ => [],
        };
    }

    private static AuthenticationResult Fail(TokenValidationResult result) => AuthenticationResult.Fail(result.Exception switch
    {
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this bot's app id.",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not allowed (RS256/384/512 only).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        _ => "The token is invalid.",
    });

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager(string url, HttpClient? httpClient)
    {
        var retriever = httpClient is null
            ? new HttpDocumentRetriever { RequireHttps = _options.RequireHttpsMetadata }
            : new HttpDocumentRetriever(httpClient) { RequireHttps = _options.RequireHttpsMetadata };
        return new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = _options.MetadataRefreshInterval,
        };
    }
}
