using Staffono.Runtime.Schema;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Staffono.Bot.Tests.Support;

namespace Staffono.Bot.Tests.Runtime.Authentication;

/// <summary>
/// Plays both token services on loopback: the Bot Framework one (channel tokens, keys with
/// endorsements) and Entra (Emulator and Entra-issued channel tokens), with RSA keys made here.
/// </summary>
public sealed class OpenIdTestAuthority : IAsyncDisposable
{
    public const string EntraTenant = "d6d49420-f39b-4df7-a1dc-d59a935871db";
    public static readonly string[] ChannelKeyEndorsements = ["webchat", "msteams", "telegram"];

    private readonly LoopbackServer _server;

    private OpenIdTestAuthority(LoopbackServer server, RsaSecurityKey channelKey, RsaSecurityKey entraKey)
    {
        _server = server;
        ChannelKey = channelKey;
        EntraKey = entraKey;
    }

    public RsaSecurityKey ChannelKey { get; }

    public RsaSecurityKey EntraKey { get; }

    public string ChannelMetadataUrl => new Uri(_server.BaseUri, "channel/.well-known/openidconfiguration").ToString();

    public string EntraMetadataUrl => new Uri(_server.BaseUri, "entra/.well-known/openid-configuration").ToString();

    public int MetadataRequests => _server.Requests.Count;

    public static async Task<OpenIdTestAuthority> StartAsync()
    {
        var channelKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "channel-key-1" };
        var entraKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "entra-key-1" };
        Uri? baseUri = null;
        var server = await LoopbackServer.StartAsync(async (context, request) =>
        {
            context.Response.ContentType = "application/json";
            var path = request.RawTarget;
            string body = path switch
            {
                "/channel/.well-known/openidconfiguration" => Metadata("https://api.botframework.com", new Uri(baseUri!, "channel/keys")),
                "/entra/.well-known/openid-configuration" => Metadata($"https://login.microsoftonline.com/{EntraTenant}/v2.0", new Uri(baseUri!, "entra/keys")),
                "/channel/keys" => Jwks(channelKey, ChannelKeyEndorsements),
                "/entra/keys" => Jwks(entraKey, null),
                _ => "",
            };
            if (body.Length == 0)
            {
                context.Response.StatusCode = 404;
            }

            await context.Response.WriteAsync(body);
        });
        baseUri = server.BaseUri;
        return new OpenIdTestAuthority(server, channelKey, entraKey);
    }

    /// <summary>The moment every authentication test lives in; authenticators get a manual clock set to it.</summary>
    public static readonly DateTime Now = new(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A signed token, issued a minute before <see cref="Now"/>; every field can be bent to make the invalid variants.</summary>
    public static string CreateToken(
        SecurityKey key,
        string issuer,
        string? audience,
        IDictionary<string, object> claims,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = Now;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(59),
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The message a channel sends with its token: everything a token's claims are checked against.</summary>
    public static Activity ChannelActivity(string channelId, string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1",
        Text = "hi",
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Recipient = new ChannelAccount("bot"),
        Conversation = new ConversationAccount("conv-1"),
    };

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static string Metadata(string issuer, Uri jwks) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.example/authorize",
        ["jwks_uri"] = jwks.ToString(),
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
    });

    private static string Jwks(RsaSecurityKey key, string[]? endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = endorsements;
        }

        return JsonSerializer.Serialize(new { keys = new[] { jwk } });
    }
}
