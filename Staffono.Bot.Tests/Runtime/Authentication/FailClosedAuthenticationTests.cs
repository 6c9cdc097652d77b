using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Staffono.Bot.Tests.Runtime.Adapter;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Authentication;
using Staffono.Runtime.Connector;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Authentication;

/// <summary>
/// Authentication fails closed: a token whose signing key cannot be identified is refused whatever
/// channel it claims, and no amount of forged tokens makes the bot fetch signing keys more than once
/// per throttle window or write more than one log line about it.
/// </summary>
public sealed class FailClosedAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "8d6e5f4a-3b2c-4d1e-9f0a-1b2c3d4e5f6a";
    private const string ServiceUrl = "https://telegram.botframework.com/";
    private const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>A key nobody published; generated once, since RSA key generation is slow.</summary>
    private static readonly RSA ForgedRsa = RSA.Create(2048);

    private readonly HttpClient _http = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(OpenIdTestAuthority.Now));
    private OpenIdTestAuthority _authority = null!;

    public async Task InitializeAsync() => _authority = await OpenIdTestAuthority.StartAsync();

    public async Task DisposeAsync()
    {
        await _authority.DisposeAsync();
        _http.Dispose();
    }

    public static TheoryData<string> Channels => new() { ChannelIds.Telegram, ChannelIds.Facebook, ChannelIds.MsTeams, "somechannel" };

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task A_token_without_a_key_id_is_refused_for_every_channel(string channel)
    {
        var withoutKid = new RsaSecurityKey(_authority.ChannelKey.Rsa);
        var token = OpenIdTestAuthority.CreateToken(withoutKid, BotFrameworkIssuer, AppId, Claims());

        var (result, turns) = await SendAsync(Authenticator(), token, channel);

        Assert.Equal((401, 0), (result.Status, turns));
        Assert.Contains("kid", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task A_token_naming_a_key_the_issuer_does_not_have_is_refused_for_every_channel(string channel)
    {
        // Signed with the real key, so only the key id is wrong: before, the signature was tried against every key and passed.
        var unknownKid = new RsaSecurityKey(_authority.ChannelKey.Rsa) { KeyId = "not-a-real-key" };
        var token = OpenIdTestAuthority.CreateToken(unknownKid, BotFrameworkIssuer, AppId, Claims());

        var (result, turns) = await SendAsync(Authenticator(), token, channel);

        Assert.Equal((401, 0), (result.Status, turns));
        Assert.Contains("not one of the issuer's keys", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_key_id_still_checks_the_endorsement()
    {
        var authenticator = Authenticator();
        var token = OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims());

        var (endorsed, _) = await SendAsync(authenticator, token, ChannelIds.Telegram);
        var (notEndorsed, turns) = await SendAsync(authenticator, token, ChannelIds.Facebook);

        Assert.Equal(200, endorsed.Status);
        Assert.Equal((401, 0), (notEndorsed.Status, turns));
        Assert.Contains("endorsed", notEndorsed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_tokens_with_new_key_ids_refresh_the_keys_at_most_once_per_window()
    {
        var authenticator = Authenticator();
        var genuine = OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims());
        await SendAsync(authenticator, genuine, ChannelIds.Telegram);
        var afterFirst = _authority.MetadataRequests;

        await FloodAsync("early");
        var afterEarlyFlood = _authority.MetadataRequests;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await FloodAsync("later");

        // One fetch is the metadata document plus its key set: two requests. Keys fetched moments ago are
        // not fetched again for unknown ids; five minutes on, a hundred unknown ids cause one fetch.
        Assert.Equal(2, afterFirst);
        Assert.Equal(afterFirst, afterEarlyFlood);
        Assert.Equal(afterFirst + 2, _authority.MetadataRequests);
        Assert.Equal(200, (await SendAsync(authenticator, genuine, ChannelIds.Telegram)).Result.Status);

        async Task FloodAsync(string name)
        {
            for (var i = 0; i < 100; i++)
            {
                var forged = new RsaSecurityKey(ForgedRsa) { KeyId = $"{name}-{i}" };
                var (result, _) = await SendAsync(authenticator, OpenIdTestAuthority.CreateToken(forged, BotFrameworkIssuer, AppId, Claims()), ChannelIds.Telegram);
                Assert.Equal(401, result.Status);
            }
        }
    }

    [Fact]
    public async Task A_failing_metadata_endpoint_is_asked_once_for_a_hundred_forged_tokens_and_logged_once()
    {
        await using var broken = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var authenticator = Authenticator(new Uri(broken.BaseUri, "channel/.well-known/openidconfiguration").ToString(), factory.CreateLogger<BotRequestAuthenticator>());
        var adapter = new ChannelAdapter(authenticator, new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance), factory.CreateLogger<ChannelAdapter>());

        for (var i = 0; i < 100; i++)
        {
            var forged = new RsaSecurityKey(ForgedRsa) { KeyId = "k" };
            var result = await adapter.ProcessAsync("Bearer " + OpenIdTestAuthority.CreateToken(forged, BotFrameworkIssuer, AppId, Claims()), Activity(ChannelIds.Telegram), new DelegateBot((_, _) => Task.CompletedTask));
            Assert.Equal(401, result.Status);
        }

        Assert.Single(broken.Requests);
        Assert.Single(logs.Lines, l => l.Level >= LogLevel.Information);
        Assert.All(logs.Lines, l => Assert.Null(l.Exception));

        Assert.Contains("tokens are refused until it works", logs.Lines.Single().Message, StringComparison.Ordinal);

        // Retries double from 30 s while no keys were ever fetched: 30 s, then 60 s, then 120 s.
        var requests = new List<int>();
        foreach (var step in new[] { 29, 1, 59, 1, 119, 1 })
        {
            _clock.Advance(TimeSpan.FromSeconds(step));
            var result = await adapter.ProcessAsync("Bearer " + OpenIdTestAuthority.CreateToken(new RsaSecurityKey(ForgedRsa) { KeyId = "k" }, BotFrameworkIssuer, AppId, Claims()), Activity(ChannelIds.Telegram), new DelegateBot((_, _) => Task.CompletedTask));
            Assert.Equal("The token could not be validated: signing keys are unavailable.", result.Reason);
            requests.Add(broken.Requests.Count);
        }

        Assert.Equal([1, 2, 2, 3, 3, 4], requests);
    }

    [Fact]
    public async Task Twenty_requests_arriving_together_before_any_keys_are_known_cause_one_fetch()
    {
        var authenticator = Authenticator();
        var genuine = OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims());

        using var start = new ManualResetEventSlim();
        var results = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await authenticator.AuthenticateAsync("Bearer " + genuine, Activity(ChannelIds.Telegram));
        })).ToList();
        start.Set();

        Assert.All(await Task.WhenAll(results), r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.Equal(2, _authority.MetadataRequests);
    }

    [Fact]
    public async Task Keys_are_fetched_again_on_schedule_and_a_known_key_never_forces_a_fetch_early()
    {
        var authenticator = Authenticator();
        var genuine = OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims());
        await SendAsync(authenticator, genuine, ChannelIds.Telegram);
        Assert.Equal(2, _authority.MetadataRequests);

        // Past the five-minute throttle a known key id is no reason to fetch; twelve hours on, the schedule is.
        _clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromTicks(1));
        Assert.Equal(200, (await SendAsync(authenticator, OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims(), _clock.GetUtcNow().UtcDateTime, _clock.GetUtcNow().UtcDateTime.AddHours(1)), ChannelIds.Telegram)).Result.Status);
        Assert.Equal(2, _authority.MetadataRequests);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(200, (await SendAsync(authenticator, OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims(), _clock.GetUtcNow().UtcDateTime, _clock.GetUtcNow().UtcDateTime.AddHours(1)), ChannelIds.Telegram)).Result.Status);
        Assert.Equal(4, _authority.MetadataRequests);
    }

    [Fact]
    public async Task When_a_scheduled_fetch_fails_the_keys_fetched_earlier_stay_in_use_and_it_says_so()
    {
        var failing = false;
        await using var flaky = await LoopbackServer.StartAsync(async (context, request) =>
        {
            if (failing)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            // Forward to the test authority, which serves the real documents.
            using var forwarded = await _http.GetAsync(new Uri(new Uri(_authority.ChannelMetadataUrl), request.RawTarget));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(await forwarded.Content.ReadAsStringAsync());
        });
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var authenticator = Authenticator(new Uri(flaky.BaseUri, new Uri(_authority.ChannelMetadataUrl).PathAndQuery.TrimStart('/')).ToString(), factory.CreateLogger<BotRequestAuthenticator>());
        var genuine = OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims());
        Assert.Equal(200, (await SendAsync(authenticator, genuine, ChannelIds.Telegram)).Result.Status);

        failing = true;
        _clock.Advance(TimeSpan.FromHours(12));
        var later = OpenIdTestAuthority.CreateToken(_authority.ChannelKey, BotFrameworkIssuer, AppId, Claims(), _clock.GetUtcNow().UtcDateTime, _clock.GetUtcNow().UtcDateTime.AddHours(1));

        Assert.Equal(200, (await SendAsync(authenticator, later, ChannelIds.Telegram)).Result.Status);
        Assert.Contains("the keys fetched earlier stay in use", logs.Lines.Single().Message, StringComparison.Ordinal);

        // With keys in hand there is no hurry: the next attempt waits the full five minutes, not the 30 s of a first fetch.
        var requests = flaky.Requests.Count;
        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await SendAsync(authenticator, later, ChannelIds.Telegram);
        Assert.Equal(requests, flaky.Requests.Count);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(authenticator, later, ChannelIds.Telegram);
        Assert.True(flaky.Requests.Count > requests, "five minutes on, the keys are fetched again");
    }

    private BotRequestAuthenticator Authenticator(string? channelMetadataUrl = null, ILogger<BotRequestAuthenticator>? logger = null) => new(
        new BotCredentialsOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = "unused",
            ChannelOpenIdMetadataUrl = channelMetadataUrl ?? _authority.ChannelMetadataUrl,
            EntraOpenIdMetadataUrl = _authority.EntraMetadataUrl,
            RequireHttpsMetadata = false,
        },
        _http,
        logger,
        _clock);

    private async Task<(ProcessResult Result, int Turns)> SendAsync(BotRequestAuthenticator authenticator, string token, string channel)
    {
        var adapter = new ChannelAdapter(authenticator, new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance));
        var bot = new DelegateBot((_, _) => Task.CompletedTask);
        var result = await adapter.ProcessAsync("Bearer " + token, Activity(channel), bot);
        return (result, bot.Turns);
    }

    private static Activity Activity(string channelId) => OpenIdTestAuthority.ChannelActivity(channelId, ServiceUrl);

    private static Dictionary<string, object> Claims() => new() { ["serviceurl"] = ServiceUrl };
}
