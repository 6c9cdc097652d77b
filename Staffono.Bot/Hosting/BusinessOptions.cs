using System.ComponentModel.DataAnnotations;

namespace Staffono.Bot.Hosting;

/// <summary>Where the business profile is.</summary>
public sealed class BusinessOptions
{
    public const string SectionName = "Business";

    /// <summary>The profile YAML; relative paths are resolved against the program's folder. Default: the demo salon.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ProfilePath { get; set; } = Path.Combine("Business", "demo-profile.yaml");

    public string FullPath => Path.IsPathRooted(ProfilePath) ? ProfilePath : Path.Combine(AppContext.BaseDirectory, ProfilePath);
}
