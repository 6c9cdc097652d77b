using System.Security.Cryptography;
using System.Text;

namespace Staffono.Bot.Hosting;

/// <summary>
/// The one signature our webhooks use, both ways — the shop's events we receive and the lead events we post:
/// "sha256=" and the lower-case hex HMAC-SHA256 of the raw body with a shared secret.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="presented"/> is the body's signature, compared in constant time.</summary>
    public static bool Matches(string presented, string secret, ReadOnlySpan<byte> body) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Sign(secret, body)));
}
