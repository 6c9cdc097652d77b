using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Staffono.Bot.Hosting;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// Issues and checks what the local Direct Line hands out, both HMAC-SHA256-signed: conversation
/// tokens (one conversation, one user, an expiry; a token opens exactly its own conversation) and
/// user credentials (one user id and an expiry: the proof a browser brings back to be the same
/// customer again). The two never stand in for each other.
/// </summary>
public sealed class DirectLineTokenService
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _credentialLifetime;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, IOptions<StorageOptions> storage, TimeProvider time)
        : this(LoadOrCreateKey(options.Value, storage.Value), options.Value.TokenLifetime, time, options.Value.UserCredentialLifetime)
    {
    }

    public DirectLineTokenService(byte[] key, TimeSpan lifetime, TimeProvider time, TimeSpan? credentialLifetime = null)
    {
        _key = key;
        _lifetime = lifetime;
        _time = time;
        _credentialLifetime = credentialLifetime ?? TimeSpan.FromDays(180);
    }

    public TimeSpan Lifetime => _lifetime;

    /// <summary>Signs "this browser is user <paramref name="userId"/>" until the credential lifetime ends.</summary>
    public string IssueUserCredential(string userId)
    {
        var expires = _time.GetUtcNow().Add(_credentialLifetime).ToUnixTimeSeconds();
        return Sign(JsonSerializer.SerializeToUtf8Bytes(new Payload(C: null, userId, expires, K: CredentialKind)));
    }

    /// <summary>The user a credential proves, or the reason it proves nothing.</summary>
    public (string? UserId, string? Error) ValidateUserCredential(string? credential)
    {
        var (claims, error) = Verify(credential);
        if (claims is null)
        {
            return (null, error);
        }

        if (claims.K != CredentialKind || claims.C is not null || string.IsNullOrEmpty(claims.U))
        {
            return (null, "This is not a user credential of this service.");
        }

        return DateTimeOffset.FromUnixTimeSeconds(claims.X) <= _time.GetUtcNow()
            ? (null, "The user credential has expired; ask for a new identity without one.")
            : (claims.U, null);
    }

    public string Issue(string conversationId, string userId, string? locale = null)
    {
        var expires = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        return Sign(JsonSerializer.SerializeToUtf8Bytes(new Payload(conversationId, userId, expires, locale)));
    }

    /// <summary>The token's grant, or the reason it grants nothing.</summary>
    public (DirectLineToken? Token, string? Error) Validate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, "A Direct Line token is required.");
        }

        var (claims, error) = Verify(token);
        if (claims is null)
        {
            return (null, error);
        }

        if (claims.K is not null || string.IsNullOrEmpty(claims.C) || string.IsNullOrEmpty(claims.U))
        {
            return (null, "The token is not valid.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.X);
        return expiresAt <= _time.GetUtcNow()
            ? (null, "The token has expired; start a new conversation or refresh the token before it expires.")
            : (new DirectLineToken(claims.C, claims.U, expiresAt, claims.L), null);
    }

    private string Sign(byte[] payload) => Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(_key, payload));

    /// <summary>The signed claims of a token or credential, when this service signed them.</summary>
    private (Payload? Claims, string? Error) Verify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "A credential is required.");
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        byte[] payload, signature;
        try
        {
            payload = FromBase64Url(text[..Math.Max(dot, 0)]);
            signature = FromBase64Url(text[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return (null, "The token is malformed.");
        }

        if (dot <= 0 || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), signature))
        {
            return (null, "The token is not valid.");
        }

        try
        {
            return JsonSerializer.Deserialize<Payload>(payload) is { } claims ? (claims, null) : (null, "The token is not valid.");
        }
        catch (JsonException)
        {
            // Signed by this key but not a payload of this version: refuse, do not fail.
            return (null, "The token is not valid.");
        }
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

    private const string CredentialKind = "user";

    /// <summary>
    /// Signed claims: C conversation, U user, X expiry (Unix seconds), L locale, K kind. Tokens have C and
    /// no K; user credentials have K "user" and no C, so neither passes for the other.
    /// </summary>
    private sealed record Payload(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? C,
        string U,
        long X,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? L = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? K = null);
}
