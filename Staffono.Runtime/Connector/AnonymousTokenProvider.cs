namespace Staffono.Runtime.Connector;

/// <summary>No app id configured (Emulator, local Direct Line): calls carry no Authorization header.</summary>
public sealed class AnonymousTokenProvider : IAccessTokenProvider
{
    public static readonly AnonymousTokenProvider Instance = new();

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}
