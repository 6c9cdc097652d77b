namespace Staffono.Runtime.Connector;

/// <summary>Supplies the bearer token for calls to the Bot Connector; null means "send no Authorization header".</summary>
public interface IAccessTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken = default);
}
