using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Authentication;

public sealed class InboundAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "8d6e5f4a-3b2c-4d1e-9f0a-1b2c3d4e5f6a";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string BotFrameworkIssuer = "https://api.botframework.com";
    private static readonly string EntraV2Issuer = $"https://login.microsoftonline.com/{OpenIdTestAuthority.EntraTenant}/v2.0";
    private static readonly string EntraV1Issuer = $"https://sts.windows.net/{OpenIdTestAuthority.EntraTenant}/";

    private readonly HttpClient _http = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(OpenIdTestAuthority.Now));
    private OpenIdTestAuthority _authority = null!;

    public async Task InitializeAsync() => _authority = await OpenIdTestAuthority.StartAsync();

    public async Task DisposeAsync()
    {
        await _authority.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>Each broken token and a word the refusal must name, so a test cannot pass for the wrong reason.</summary>
    public static TheoryData<string, string> InvalidTokens => new()
    {
        { "wrong issuer", "issuer" },
        { "wrong audience", "audience" },
        { "entra wrong audience", "audience" },
        { "entra wrong issuer tenant", "issuer" },
        { "expired beyond skew", "expired" },
        { "not yet valid", "not valid yet" },
        { "bad signature", "signature" },
        { "HS256", "algorithm" },
        { "missing serviceurl", "serviceurl" },
        { "empty serviceurl", "serviceurl" },
        { "mismatched serviceurl", "serviceurl" },
        { "channel not endorsed", "endorsed" },
        { "emulator v1 wrong appid", "appid" },
        { "emulator v2 wrong azp", "azp" },
        { "emulator without version", "version" },
        { "emulator bad signature", "signature" },
        { "not a jwt", "well-formed" },
        { "not bearer", "Bearer" },
    };

    [Fact]
    public async Task A_valid_channel_token_runs_the_turn()
    {
        var (result, turns) = await SendAsync(Bearer(ChannelToken()), ChannelIds.MsTeams);

        Assert.Equal(200, result.Status);
        Assert.Equal(1, turns);
    }

    [Theory]
    [InlineData(-300, 200)]     // expired exactly five minutes ago: still inside
    [InlineData(-299, 200)]     // expired 4:59 ago: inside the five-minute skew
    [InlineData(-301, 401)]     // 5:01 ago: outside
    [InlineData(300, 200)]
    [InlineData(299, 200)]      // valid from 4:59 ahead: a channel whose clock runs a little fast
    [InlineData(301, 401)]
    public async Task Lifetimes_are_judged_on_the_hosts_clock_with_five_minutes_of_skew_either_way(int secondsFromNow, int status)
    {
        var now = OpenIdTestAuthority.Now;
        var edge = now.AddSeconds(secondsFromNow);
        var token = secondsFromNow < 0
            ? OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, ChannelClaims(), edge.AddMinutes(-60), edge)
            : OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, ChannelClaims(), edge, edge.AddMinutes(60));

        var (result, turns) = await SendAsync(Bearer(token), ChannelIds.MsTeams);

        Assert.Equal((status, status == 200 ? 1 : 0), (result.Status, turns));
    }

    [Fact]
    public async Task An_entra_issued_channel_token_runs_the_turn()
    {
        var token = OpenIdTestAuthority.CreateToken(_authority.EntraKey, EntraV2Issuer, AppId, ChannelClaims());

        var (result, turns) = await SendAsync(Bearer(token), ChannelIds.Webchat);

        Assert.Equal((200, 1), (result.Status, turns));
    }

    [Theory]
    [InlineData("1.0", "appid")]
    [InlineData("2.0", "azp")]
    public async Task An_emulator_token_with_our_app_id_runs_the_turn(string version, string claim)
    {
        var issuer = version == "1.0" ? EntraV1Issuer : EntraV2Issuer;
        var token = OpenIdTestAuthority.CreateToken(_authority.EntraKey, issuer, BotFrameworkIssuer, new Dictionary<string, object> { ["ver"] = version, [claim] = AppId });

        var (result, turns) = await SendAsync(Bearer(token), ChannelIds.Emulator);

        Assert.Equal((200, 1), (result.Status, turns));
    }

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task An_invalid_token_is_refused_with_401_and_no_turn(string variant, string reason)
    {
        var (header, channel) = InvalidHeader(variant);

        var (result, turns) = await SendAsync(header, channel);

        Assert.Equal(401, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, turns);
    }

    [Fact]
    public async Task With_an_app_id_a_request_without_a_header_is_refused()
    {
        var (result, turns) = await SendAsync(null, ChannelIds.Webchat);

        Assert.Equal((401, 0), (result.Status, turns));
        Assert.Equal("The Authorization header is missing.", result.Reason);
    }

    [Theory]
    [InlineData("d6d49420-f39b-4df7-a1dc-d59a935871db")]
    [InlineData("f8cdef31-a31e-4b4a-93e4-5f571e91255a")]
    [InlineData("69e9b82d-4842-4902-8d1e-abc5b98a55e8")]
    public async Task Entra_tokens_from_every_bot_service_tenant_in_both_issuer_forms_run_the_turn(string tenant)
    {
        foreach (var issuer in new[] { $"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/" })
        {
            var (result, turns) = await SendAsync(Bearer(OpenIdTestAuthority.CreateToken(_authority.EntraKey, issuer, AppId, ChannelClaims())), ChannelIds.Webchat);

            Assert.Equal((200, 1), (result.Status, turns));
        }
    }

    [Fact]
    public async Task A_single_tenant_bot_also_trusts_its_own_tenant_and_no_other()
    {
        const string Own = "0c3b7f8e-2a41-4b7e-9d55-6e1f0a9c1234";
        var own = Bearer(OpenIdTestAuthority.CreateToken(_authority.EntraKey, $"https://login.microsoftonline.com/{Own}/v2.0", AppId, ChannelClaims()));

        var (singleTenant, _) = await SendAsync(own, ChannelIds.Webchat, tenant: Own);
        var (multiTenant, _) = await SendAsync(own, ChannelIds.Webchat);

        Assert.Equal((200, 401), (singleTenant.Status, multiTenant.Status));
        Assert.Equal(6 + 2, BotTokenIssuers.Entra(Own).Count);
        Assert.Equal(6, BotTokenIssuers.Entra(" ").Count);
        Assert.Equal(6, BotTokenIssuers.Entra("F8CDEF31-A31E-4B4A-93E4-5F571E91255A").Count);
    }

    [Fact]
    public async Task A_valid_token_s_claims_reach_the_turn_under_their_own_names()
    {
        var authenticator = new BotRequestAuthenticator(Options(AppId), _http, timeProvider: _clock);
        var claims = ChannelClaims();
        claims["sub"] = "channel-service";

        var result = await authenticator.AuthenticateAsync(Bearer(OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, claims)), Activity(ChannelIds.MsTeams));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.False(result.IsAnonymous);
        Assert.Equal("channel-service", result.Identity!.FindFirst("sub")?.Value);
        Assert.Equal(ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        await Assert.ThrowsAsync<ArgumentNullException>(() => authenticator.AuthenticateAsync(Bearer(ChannelToken()), null!));

        var anonymous = await new BotRequestAuthenticator(Options(appId: null), _http).AuthenticateAsync(null, Activity(ChannelIds.Emulator));
        Assert.True(anonymous.Succeeded && anonymous.IsAnonymous);
    }

    [Fact]
    public async Task Without_an_app_id_a_request_without_a_header_is_accepted()
    {
        var (result, turns) = await SendAsync(null, ChannelIds.Emulator, appId: null);

        Assert.Equal((200, 1), (result.Status, turns));
    }

    [Fact]
    public async Task Without_an_app_id_a_request_with_a_header_is_refused()
    {
        var (result, turns) = await SendAsync(Bearer(ChannelToken()), ChannelIds.Emulator, appId: null);

        Assert.Equal((401, 0), (result.Status, turns));
        Assert.Equal("The request carries a token, but no MicrosoftAppId is configured to validate it against.", result.Reason);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_and_reused()
    {
        await SendAsync(Bearer(ChannelToken()), ChannelIds.MsTeams, sharedAuthenticator: true);
        var afterFirst = _authority.MetadataRequests;
        await SendAsync(Bearer(ChannelToken()), ChannelIds.MsTeams, sharedAuthenticator: true);

        Assert.Equal(2, afterFirst);
        Assert.Equal(afterFirst, _authority.MetadataRequests);
    }

    private BotRequestAuthenticator? _shared;

    private async Task<(ProcessResult Result, int Turns)> SendAsync(string? header, string channelId, string? appId = AppId, bool sharedAuthenticator = false, string? tenant = null)
    {
        var options = Options(appId, tenant);
        var authenticator = sharedAuthenticator ? _shared ??= new BotRequestAuthenticator(options, _http, timeProvider: _clock) : new BotRequestAuthenticator(options, _http, timeProvider: _clock);
        var adapter = new ChannelAdapter(authenticator, new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance));
        var bot = new CountingBot();
        var result = await adapter.ProcessAsync(header, Activity(channelId), bot);
        return (result, bot.Turns);
    }

    private BotCredentialsOptions Options(string? appId, string? tenant = null) => new()
    {
        MicrosoftAppId = appId,
        MicrosoftAppPassword = "unused",
        MicrosoftAppType = tenant is null ? "MultiTenant" : "SingleTenant",
        MicrosoftAppTenantId = tenant,
        ChannelOpenIdMetadataUrl = _authority.ChannelMetadataUrl,
        EntraOpenIdMetadataUrl = _authority.EntraMetadataUrl,
        RequireHttpsMetadata = false,
    };

    private static Activity Activity(string channelId) => OpenIdTestAuthority.ChannelActivity(channelId, ServiceUrl);

    private (string? Header, string Channel) InvalidHeader(string variant)
    {
        var now = OpenIdTestAuthority.Now;
        var key = _authority.ChannelKey;
        return variant switch
        {
            "wrong issuer" => (Bearer(OpenIdTestAuthority.CreateToken(key, "https://evil.example", AppId, ChannelClaims())), ChannelIds.MsTeams),
            "wrong audience" => (Bearer(OpenIdTestAuthority.CreateToken(key, BotFrameworkIssuer, "another-bot", ChannelClaims())), ChannelIds.MsTeams),
            "entra wrong audience" => (Bearer(OpenIdTestAuthority.CreateToken(_authority.EntraKey, EntraV2Issuer, "another-bot", ChannelClaims())), ChannelIds.Webchat),
            "entra wrong issuer tenant" => (Bearer(OpenIdTestAuthority.CreateToken(_authority.EntraKey, "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0", AppId, ChannelClaims())), ChannelIds.Webchat),
            "expired beyond skew" => (Bearer(OpenIdTestAuthority.CreateToken(key, BotFrameworkIssuer, AppId, ChannelClaims(), now.AddMinutes(-70), now.AddMinutes(-6))), ChannelIds.MsTeams),
            "not yet valid" => (Bearer(OpenIdTestAuthority.CreateToken(key, BotFrameworkIssuer, AppId, ChannelClaims(), now.AddMinutes(10), now.AddMinutes(70))), ChannelIds.MsTeams),
            "bad signature" => (Bearer(OpenIdTestAuthority.CreateToken(new RsaSecurityKey(RSA.Create(2048)) { KeyId = key.KeyId }, BotFrameworkIssuer, AppId, ChannelClaims())), ChannelIds.MsTeams),
            "HS256" => (Bearer(OpenIdTestAuthority.CreateToken(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = key.KeyId }, BotFrameworkIssuer, AppId, ChannelClaims(), algorithm: SecurityAlgorithms.HmacSha256)), ChannelIds.MsTeams),
            "missing serviceurl" => (Bearer(OpenIdTestAuthority.CreateToken(key, BotFrameworkIssuer, AppId, new Dictionary<string, object>())), ChannelIds.MsTeams),
            "empty serviceurl" => (Bearer(OpenIdTestAuthority.CreateToken(key, BotFrameworkIssuer, AppId, new Dictionary<string, object> { ["serviceurl"] = "" })), ChannelIds.MsTeams),
            "mismatched serviceurl" => (Bearer(OpenIdTestAuthority.CreateToken(key, BotFrameworkIssuer, AppId, new Dictionary<string, object> { ["serviceurl"] = "https://evil.example/" })), ChannelIds.MsTeams),
            "channel not endorsed" => (Bearer(ChannelToken()), ChannelIds.Facebook),
            "emulator v1 wrong appid" => (Bearer(OpenIdTestAuthority.CreateToken(_authority.EntraKey, EntraV1Issuer, BotFrameworkIssuer, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = "someone-else" })), ChannelIds.Emulator),
            "emulator v2 wrong azp" => (Bearer(OpenIdTestAuthority.CreateToken(_authority.EntraKey, EntraV2Issuer, BotFrameworkIssuer, new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = "someone-else" })), ChannelIds.Emulator),
            "emulator without version" => (Bearer(OpenIdTestAuthority.CreateToken(_authority.EntraKey, EntraV2Issuer, BotFrameworkIssuer, new Dictionary<string, object> { ["azp"] = AppId })), ChannelIds.Emulator),
            "emulator bad signature" => (Bearer(OpenIdTestAuthority.CreateToken(new RsaSecurityKey(RSA.Create(2048)) { KeyId = _authority.EntraKey.KeyId }, EntraV2Issuer, BotFrameworkIssuer, new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AppId })), ChannelIds.Emulator),
            "not a jwt" => ("Bearer not.a.jwt", ChannelIds.MsTeams),
            "not bearer" => ("Basic dXNlcjpwYXNz", ChannelIds.MsTeams),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }

    private string ChannelToken() => OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, ChannelClaims());

    private static Dictionary<string, object> ChannelClaims() => new() { ["serviceurl"] = ServiceUrl };

    private static string Bearer(string token) => "Bearer " + token;

    private sealed class CountingBot : IBot
    {
        public int Turns { get; private set; }

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Turns++;
            return Task.CompletedTask;
        }
    }
}
