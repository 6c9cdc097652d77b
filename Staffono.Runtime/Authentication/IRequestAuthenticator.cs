using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Authentication;

/// <summary>Decides whether an inbound activity really comes from a channel, the Emulator, or (without an app id) anyone local.</summary>
public interface IRequestAuthenticator
{
    Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default);
}
