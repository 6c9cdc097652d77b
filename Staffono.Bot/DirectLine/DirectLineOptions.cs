using System.ComponentModel.DataAnnotations;

namespace Staffono.Bot.DirectLine;

/// <summary>The local Direct Line 3.0 service that the web chat page (and any Direct Line client) talks to.</summary>
public sealed class DirectLineOptions : IValidatableObject
{
    public const string SectionName = "DirectLine";

    /// <summary>How long a token is valid; clients refresh it well before (Web Chat every 15 minutes).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Key that signs tokens (base64, at least 32 bytes). Empty: one is generated on first start and
    /// kept in the data folder, so tokens survive restarts.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>
    /// When set, generating tokens and starting conversations require <c>Authorization: Bearer &lt;secret&gt;</c>,
    /// as with Azure's Direct Line, and the secret holder vouches for the user id it names. Empty: anyone may
    /// start a conversation, but this service assigns the user id and hands the browser a signed user
    /// credential to prove it later; nobody can name another customer's id.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a user credential proves its identity; each new token or refresh renews it.</summary>
    public TimeSpan UserCredentialLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Origins of pages on other sites allowed to call Direct Line (CORS); the built-in page needs none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How often an idle WebSocket gets an empty keep-alive frame.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How much a conversation's history may hold (bytes of activity JSON). Beyond it a customer's post is
    /// refused with 413 and the client is told to start a new conversation; the bot's own messages still go in.
    /// </summary>
    public long MaxHistoryBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest file a client may upload with a message (a photo of a faulty item); larger is refused with 413.</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most files one upload may carry.</summary>
    [Range(1, 20)]
    public int MaxAttachmentsPerMessage { get; set; } = 5;

    /// <summary>New conversations (tokens generated without the secret) one client address may make at once...</summary>
    public int NewConversationsBurst { get; set; } = 20;

    /// <summary>...and how many more it may make per minute after that.</summary>
    public double NewConversationsPerMinute { get; set; } = 2;

    /// <summary>Activities a conversation may post at once...</summary>
    public int PostsBurst { get; set; } = 10;

    /// <summary>...and per second after that (people type far slower; buttons are clicked one at a time).</summary>
    public double PostsPerSecond { get; set; } = 2;

    /// <summary>Direct Line requests of any kind one client address may make at once...</summary>
    public int RequestsBurst { get; set; } = 200;

    /// <summary>...and per second after that (a polling page makes one a second).</summary>
    public double RequestsPerSecond { get; set; } = 50;

    [Required(AllowEmptyStrings = false)]
    public string BotId { get; set; } = "staffono";

    [Required(AllowEmptyStrings = false)]
    public string BotName { get; set; } = "Staffono";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TokenLifetime < TimeSpan.FromMinutes(1) || TokenLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("DirectLine:TokenLifetime must be between 00:01:00 and 1.00:00:00.", [nameof(TokenLifetime)]);
        }

        if (UserCredentialLifetime < TimeSpan.FromHours(1) || UserCredentialLifetime > TimeSpan.FromDays(730))
        {
            yield return new ValidationResult("DirectLine:UserCredentialLifetime must be between 01:00:00 and 730.00:00:00.", [nameof(UserCredentialLifetime)]);
        }

        if (MaxHistoryBytes < 1024 * 1024)
        {
            yield return new ValidationResult("DirectLine:MaxHistoryBytes must be at least 1048576 (1 MB).", [nameof(MaxHistoryBytes)]);
        }

        foreach (var (name, burst, rate) in new[]
        {
            (nameof(NewConversationsBurst), NewConversationsBurst, NewConversationsPerMinute),
            (nameof(PostsBurst), PostsBurst, PostsPerSecond),
            (nameof(RequestsBurst), RequestsBurst, RequestsPerSecond),
        })
        {
            if (burst < 1 || rate <= 0 || double.IsNaN(rate) || double.IsInfinity(rate))
            {
                yield return new ValidationResult($"DirectLine:{name} and its rate must be positive.", [name]);
            }
        }

        if (KeepAliveInterval < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("DirectLine:KeepAliveInterval must be at least 00:00:01.", [nameof(KeepAliveInterval)]);
        }

        if (!string.IsNullOrEmpty(TokenSigningKey))
        {
            byte[]? key = null;
            try
            {
                key = Convert.FromBase64String(TokenSigningKey);
            }
            catch (FormatException)
            {
            }

            if (key is null || key.Length < 32)
            {
                yield return new ValidationResult("DirectLine:TokenSigningKey must be base64 of at least 32 bytes.", [nameof(TokenSigningKey)]);
            }
        }

        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/")
            {
                yield return new ValidationResult($"DirectLine:AllowedOrigins has '{origin}', which is not an origin like https://shop.example.", [nameof(AllowedOrigins)]);
            }
        }
    }
}
