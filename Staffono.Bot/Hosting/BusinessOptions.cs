using System.ComponentModel.DataAnnotations;

namespace Staffono.Bot.Hosting;

/// <summary>Where the business profile is.</summary>
public sealed class BusinessOptions
{
    public const string SectionName = "Business";

    /// <summary>The profile YAML; relative paths are resolved against the program's folder. Default: the demo salon.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ProfilePath { get; set; } = Path.Combine("Business", "demo-profile.yaml");

    /// <summary>
    /// This host's public address (https://bot.example.com/), for calendar-invite links sent on channels
    /// other than the built-in web chat. Empty: those channels get the confirmation without a link.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public string FullPath => Path.IsPathRooted(ProfilePath) ? ProfilePath : Path.Combine(AppContext.BaseDirectory, ProfilePath);
}
