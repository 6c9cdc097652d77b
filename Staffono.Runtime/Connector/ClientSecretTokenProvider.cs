using Microsoft.Identity.Client;

namespace Staffono.Runtime.Connector;

/// <summary>
/// Client-credentials tokens through MSAL for MultiTenant (tenant botframework.com) and SingleTenant
/// (the configured tenant) bots, scope <c>https://api.botframework.com/.default</c>.
/// </summary>
public sealed class ClientSecretTokenProvider : CachingTokenProvider
{
    private readonly IConfidentialClientApplication _application;
    private readonly string[] _scopes;

    public ClientSecretTokenProvider(BotCredentialsOptions options, IMsalHttpClientFactory? httpClientFactory = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tenant = options.IsSingleTenant ? options.MicrosoftAppTenantId! : BotCredentialsOptions.MultiTenantTokenTenant;
        var builder = ConfidentialClientApplicationBuilder.Create(options.MicrosoftAppId)
            .WithClientSecret(options.MicrosoftAppPassword)
            .WithAuthority($"{options.AuthorityHost.TrimEnd('/')}/{tenant}", validateAuthority: false)
            .WithInstanceDiscovery(false);
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        _application = builder.Build();
        _scopes = [options.ConnectorScope];
    }

    protected override async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        // This class decides when a token is due for renewal (see CachingTokenProvider), so MSAL must really fetch.
        var result = await _application.AcquireTokenForClient(_scopes).WithForceRefresh(true).ExecuteAsync(cancellationToken);
        return new AccessToken(result.AccessToken, result.ExpiresOn);
    }
}
