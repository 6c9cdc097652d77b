using System.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Identity.Client;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime;
using Staffono.Runtime.Connector;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Connector;

public sealed class TokenProviderTests
{
    [Theory]
    [InlineData("MultiTenant", null, "/botframework.com/oauth2/v2.0/token")]
    [InlineData("SingleTenant", "contoso-tenant", "/contoso-tenant/oauth2/v2.0/token")]
    public async Task Client_secret_tokens_come_from_the_right_tenant_are_cached_and_renewed_before_expiry(string appType, string? tenant, string tokenPath)
    {
        var issued = 0;
        await using var identity = await LoopbackServer.StartAsync(async (context, _) =>
        {
            var n = Interlocked.Increment(ref issued);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"token-{{n}}"}""");
        });
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var options = new BotCredentialsOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = "11111111-2222-3333-4444-555555555555",
            MicrosoftAppPassword = "s3cret",
            MicrosoftAppTenantId = tenant,
            AuthorityHost = "https://login.identity.test",
        };
        var provider = new ClientSecretTokenProvider(options, new LoopbackMsalHttpClientFactory(identity.BaseUri), clock);

        var first = await provider.GetTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(50));
        var cached = await provider.GetTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(6));
        var renewed = await provider.GetTokenAsync();

        Assert.Equal(("token-1", "token-1", "token-2"), (first, cached, renewed));
        var request = identity.Requests.First();
        Assert.Equal("POST", request.Method);
        Assert.Equal(tokenPath, request.RawTarget);
        var form = HttpUtility.ParseQueryString(request.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(options.MicrosoftAppId, form["client_id"]);
        Assert.Equal("s3cret", form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task A_user_assigned_managed_identity_gets_its_token_from_the_instance_metadata_service_for_the_bot_connector()
    {
        var issued = 0;
        await using var imds = await LoopbackServer.StartAsync(async (context, _) =>
        {
            var n = Interlocked.Increment(ref issued);
            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"access_token":"mi-token-{{n}}","client_id":"11111111-2222-3333-4444-555555555555","expires_in":"3600","expires_on":"{{expires}}","ext_expires_in":"3600","not_before":"{{expires - 3600}}","resource":"https://api.botframework.com","token_type":"Bearer"}""");
        });
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var options = new BotCredentialsOptions { MicrosoftAppType = BotCredentialsOptions.UserAssignedMsi, MicrosoftAppId = "11111111-2222-3333-4444-555555555555" };
        var provider = new ManagedIdentityTokenProvider(options, new LoopbackMsalHttpClientFactory(imds.BaseUri), clock);

        var first = await provider.GetTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(50));
        var cached = await provider.GetTokenAsync();

        Assert.Equal(("mi-token-1", "mi-token-1"), (first, cached));
        var request = imds.Requests.Single();
        Assert.Equal("GET", request.Method);
        Assert.StartsWith("/metadata/identity/oauth2/token?", request.RawTarget, StringComparison.Ordinal);
        Assert.Equal("true", request.Headers["Metadata"]);
        var query = HttpUtility.ParseQueryString(new Uri(imds.BaseUri, request.RawTarget).Query);
        Assert.Equal("https://api.botframework.com", query["resource"]);
        Assert.Equal(options.MicrosoftAppId, query["client_id"]);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch()
    {
        var provider = new CountingProvider();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetTokenAsync()));

        Assert.All(tokens, t => Assert.Equal("t1", t));
        Assert.Equal(1, provider.Fetches);
    }

    [Fact]
    public async Task Without_an_app_id_no_token_is_sent()
    {
        Assert.Null(await AnonymousTokenProvider.Instance.GetTokenAsync());
    }

    private sealed class CountingProvider() : CachingTokenProvider(null)
    {
        private int _fetches;

        public int Fetches => _fetches;

        protected override async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            var n = Interlocked.Increment(ref _fetches);
            return new AccessToken($"t{n}", DateTimeOffset.UtcNow.AddHours(1));
        }
    }

    /// <summary>MSAL insists on https authorities; this sends its requests to the loopback identity server instead.</summary>
    private sealed class LoopbackMsalHttpClientFactory(Uri loopback) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => new(new RedirectHandler(loopback) { InnerHandler = new HttpClientHandler() });

        private sealed class RedirectHandler(Uri target) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.RequestUri = new Uri(target, request.RequestUri!.PathAndQuery);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
