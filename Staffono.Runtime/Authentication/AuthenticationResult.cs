using System.Security.Claims;

namespace Staffono.Runtime.Authentication;

/// <summary>The outcome of checking an inbound request: who sent it, or why it was refused.</summary>
public sealed record AuthenticationResult(bool Succeeded, ClaimsIdentity? Identity, string? FailureReason, bool IsAnonymous = false)
{
    public static AuthenticationResult Anonymous { get; } = new(true, new ClaimsIdentity(), null, IsAnonymous: true);

    public static AuthenticationResult Success(ClaimsIdentity identity) => new(true, identity, null);

    public static AuthenticationResult Fail(string reason) => new(false, null, reason);
}
