using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Staffono.Bot.Hosting;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Issues and checks Direct Line tokens: an HMAC-SHA256-signed statement of one conversation, one
/// user and an expiry. A token opens exactly its own conversation and nothing else.
/// </summary>
public sealed class DirectLineTokenService
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, IOptions<StorageOptions> storage, TimeProvider time)
        : this(LoadOrCreateKey(options.Value, storage.Value), options.Value.TokenLifetime, time)
    {
    }

    public DirectLineTokenService(byte[] key, TimeSpan lifetime, TimeProvider time)
    {
        _key = key;
        _lifetime = lifetime;
        _time = time;
    }

    public TimeSpan Lifetime => _lifetime;

    public string Issue(string conversationId, string userId, string? locale = null)
    {
        var expires = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(conversationId, userId, expires, locale));
        var signature = HMACSHA256.HashData(_key, payload);
        return Base64Url(payload) + "." + Base64Url(signature);
    }

    /// <summary>The token's grant, or the reason it grants nothing.</summary>
    public (DirectLineToken? Token, string? Error) Validate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, "A Direct Line token is required.");
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        byte[] payload, signature;
        try
        {
            payload = FromBase64Url(token[..Math.Max(dot, 0)]);
            signature = FromBase64Url(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return (null, "The token is malformed.");
        }

        if (dot <= 0 || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return (null, "The token is not valid.");
        }

        var claims = JsonSerializer.Deserialize<Payload>(payload);
        if (claims is null || string.IsNullOrEmpty(claims.C) || string.IsNullOrEmpty(claims.U))
        {
            return (null, "The token is not valid.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.X);
        return expiresAt <= _time.GetUtcNow()
            ? (null, "The token has expired; start a new conversation or refresh the token before it expires.")
            : (new DirectLineToken(claims.C, claims.U, expiresAt, claims.L), null);
    }

    private static byte[] LoadOrCreateKey(DirectLineOptions options, StorageOptions storage)
    {
        if (!string.IsNullOrEmpty(options.TokenSigningKey))
        {
            return Convert.FromBase64String(options.TokenSigningKey);
        }

        var path = Path.Combine(Path.GetDirectoryName(storage.DatabasePath)!, "directline.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        return key;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Decodes base64url, accepting only the one canonical spelling of the bytes: base64 leaves unused
    /// bits in the last character, and a token is compared as the exact text this service issued.
    /// </summary>
    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => throw new FormatException() };
        var bytes = Convert.FromBase64String(padded);
        return string.Equals(Base64Url(bytes), text, StringComparison.Ordinal) ? bytes : throw new FormatException();
    }

    private sealed record Payload(string C, string U, long X, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? L = null);
}
