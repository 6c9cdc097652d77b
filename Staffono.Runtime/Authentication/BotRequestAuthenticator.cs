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
    private readonly OpenIdKeySource _channelKeys;
    private readonly OpenIdKeySource _entraKeys;
    private readonly IReadOnlyList<string> _entraIssuers;
    private readonly TimeProvider _time;

    public BotRequestAuthenticator(BotCredentialsOptions options, HttpClient? metadataHttpClient = null, ILogger<BotRequestAuthenticator>? logger = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _channelKeys = CreateKeySource(options.ChannelOpenIdMetadataUrl, metadataHttpClient, _time);
        _entraKeys = CreateKeySource(options.EntraOpenIdMetadataUrl, metadataHttpClient, _time);
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

        if (string.IsNullOrEmpty(token.Kid))
        {
            // Without a key id the signature could only be checked by trying every key, and the key's endorsements not at all.
            return AuthenticationResult.Fail("The token names no signing key (kid).");
        }

        try
        {
            if (string.Equals(token.Issuer, BotTokenIssuers.BotFramework, StringComparison.Ordinal))
            {
                return await ValidateChannelTokenAsync(raw, token.Kid, activity, _channelKeys, [BotTokenIssuers.BotFramework], cancellationToken);
            }

            if (_entraIssuers.Contains(token.Issuer, StringComparer.Ordinal))
            {
                return token.TryGetClaim("serviceurl", out _)
                    ? await ValidateChannelTokenAsync(raw, token.Kid, activity, _entraKeys, _entraIssuers, cancellationToken)
                    : await ValidateEmulatorTokenAsync(raw, token, cancellationToken);
            }

            return AuthenticationResult.Fail($"The token's issuer '{token.Issuer}' is not trusted.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not logged per request at a level anyone reads: a flood of bad tokens must not flood the log.
            _logger.LogDebug(ex, "Could not validate an inbound token");
            return AuthenticationResult.Fail("The token could not be validated.");
        }
    }

    private async Task<AuthenticationResult> ValidateChannelTokenAsync(
        string raw,
        string keyId,
        Activity activity,
        OpenIdKeySource keys,
        IReadOnlyList<string> issuers,
        CancellationToken cancellationToken)
    {
        var (failure, result, key) = await ValidateSignatureAndClaimsAsync(raw, keyId, keys, issuers, [_options.MicrosoftAppId!], cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var token = (JsonWebToken)result!.SecurityToken;
        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return AuthenticationResult.Fail("The channel token has no serviceurl claim.");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail("The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        // The key that signed the token is known here (the kid matched), so its endorsements are always checked.
        var endorsements = EndorsementsOf(key!);
        if (endorsements is not null && !endorsements.Contains(activity.ChannelId ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail($"The signing key is not endorsed for channel '{activity.ChannelId}'.");
        }

        return AuthenticationResult.Success(result.ClaimsIdentity);
    }

    private async Task<AuthenticationResult> ValidateEmulatorTokenAsync(string raw, JsonWebToken token, CancellationToken cancellationToken)
    {
        // The Emulator signs in as the bot itself: the audience varies by version, the caller's app id must be ours.
        var (failure, result, _) = await ValidateSignatureAndClaimsAsync(raw, token.Kid, _entraKeys, _entraIssuers, audiences: null, cancellationToken);
        if (failure is not null)
        {
            return failure;
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

        return AuthenticationResult.Success(result!.ClaimsIdentity);
    }

    /// <summary>
    /// Finds the token's signing key by its id (fetching the keys again, throttled, when the id is new)
    /// and validates signature, issuer, audience and lifetime against that key alone.
    /// </summary>
    private async Task<(AuthenticationResult? Failure, TokenValidationResult? Result, JsonWebKey? Key)> ValidateSignatureAndClaimsAsync(
        string raw,
        string keyId,
        OpenIdKeySource keys,
        IReadOnlyList<string> issuers,
        IReadOnlyList<string>? audiences,
        CancellationToken cancellationToken)
    {
        var config = await keys.GetAsync(keyMissing: false, cancellationToken);
        if (config is not null && FindKey(config, keyId) is null)
        {
            // Keys roll over: look again (at most once per MetadataMinRefreshInterval) before refusing a new key.
            config = await keys.GetAsync(keyMissing: true, cancellationToken);
        }

        if (config is null)
        {
            return (AuthenticationResult.Fail("The token could not be validated: signing keys are unavailable."), null, null);
        }

        if (FindKey(config, keyId) is not { } key)
        {
            return (AuthenticationResult.Fail($"The token's signing key '{keyId}' is not one of the issuer's keys."), null, null);
        }

        var result = await _handler.ValidateTokenAsync(raw, CreateParameters(key, issuers, audiences));
        return result.IsValid ? (null, result, key) : (Fail(result), null, null);
    }

    private static JsonWebKey? FindKey(OpenIdConnectConfiguration config, string keyId) =>
        config.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));

    /// <remarks>
    /// Only settings that differ from IdentityModel's defaults are written out; the defaults already demand a
    /// trusted issuer, a signature and an expiry. The token is checked against the one key it names: its
    /// endorsements are that key's, so no other key may vouch for it.
    /// </remarks>
    private TokenValidationParameters CreateParameters(JsonWebKey key, IReadOnlyList<string> issuers, IReadOnlyList<string>? audiences) => new()
    {
        ValidIssuers = issuers,
        ValidateAudience = audiences is not null,
        ValidAudiences = audiences,
        // Lifetimes are judged on the host's clock, the one every other expiry in the bot uses.
        LifetimeValidator = ValidateLifetime,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = key,
        ValidAlgorithms = AllowedAlgorithms,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException();
        }

        if (notBefore is { } from && from > now + _options.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException();
        }

        if (expiry < now - _options.ClockSkew)
        {
            throw new SecurityTokenExpiredException();
        }

        return true;
    }

    private static IReadOnlyList<string>? EndorsementsOf(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return null;
        }

        // Anything but a JSON array of strings endorses nothing: an unreadable list fails closed.
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            _ => [],
        };
    }

    private static AuthenticationResult Fail(TokenValidationResult result) => AuthenticationResult.Fail(result.Exception switch
    {
        SecurityTokenInvalidAudienceException => "The token's audience is not this bot's app id.",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        _ => "The token is invalid.",
    });

    private OpenIdKeySource CreateKeySource(string url, HttpClient? httpClient, TimeProvider time)
    {
        var retriever = new HttpDocumentRetriever(httpClient ?? new HttpClient()) { RequireHttps = _options.RequireHttpsMetadata };
        return new OpenIdKeySource(url, retriever, _options.MetadataRefreshInterval, _options.MetadataMinRefreshInterval, time, _logger);
    }
}
