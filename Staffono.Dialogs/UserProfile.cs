namespace Staffono.Dialogs;

/// <summary>What the bot remembers about a user across conversations.</summary>
public sealed class UserProfile
{
    /// <summary>"ru" or "en", once known.</summary>
    public string? Language { get; set; }
}
