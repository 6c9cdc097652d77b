namespace Staffono.Skills.Business;

/// <summary>A text in Russian and English.</summary>
public sealed record LocalizedText(string Ru, string En)
{
    public string In(string language) => language == "ru" ? Ru : En;
}
