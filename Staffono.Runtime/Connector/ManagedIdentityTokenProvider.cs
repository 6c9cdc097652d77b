using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace Staffono.Runtime.Connector;

/// <summary>Tokens from a user-assigned managed identity (MicrosoftAppType = UserAssignedMSI), resource <c>https://api.botframework.com</c>.</summary>
public sealed class ManagedIdentityTokenProvider : CachingTokenProvider
{
    private readonly IManagedIdentityApplication _application;
    private readonly string _resource;

    public ManagedIdentityTokenProvider(BotCredentialsOptions options, IMsalHttpClientFactory? httpClientFactory = null, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(options.MicrosoftAppId));
        if (httpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(httpClientFactory);
        }

        _application = builder.Build();
        _resource = options.ConnectorResource;
    }

    protected override async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var result = await _application.AcquireTokenForManagedIdentity(_resource).ExecuteAsync(cancellationToken);
        return new AccessToken(result.AccessToken, result.ExpiresOn);
    }
}
