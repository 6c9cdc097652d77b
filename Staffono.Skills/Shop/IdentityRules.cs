namespace Staffono.Skills.Shop;

/// <summary>How orders are protected: whether a one-time code is sent to the order's contact, and when checks lock.</summary>
/// <param name="OneTimeCode">A code goes to the phone or e-mail on the order before anything about it is told.</param>
/// <param name="Attempts">Failed checks (a wrong number or contact, a wrong code) before the order and the conversation lock.</param>
/// <param name="LockFor">How long a lock lasts.</param>
public sealed record IdentityRules(bool OneTimeCode, int Attempts, TimeSpan LockFor);
