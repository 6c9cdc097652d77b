using System.ComponentModel.DataAnnotations;

namespace Staffono.Skills.Understanding;

/// <summary>How the offline classifier and an LLM are combined, and when the bot should ask rather than guess.</summary>
public sealed class UnderstandingOptions : IValidatableObject
{
    public const string SectionName = "Understanding";

    /// <summary><c>offline</c> (default), <c>hybrid</c> (the LLM only when offline is unsure) or <c>llm-first</c>.</summary>
    [RegularExpression("^(offline|hybrid|llm-first)$", ErrorMessage = "Understanding:Mode must be offline, hybrid or llm-first.")]
    public string Mode { get; set; } = "offline";

    /// <summary>Below this probability the top intent is not trusted.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.55;

    /// <summary>When the top two are closer than this, the bot asks which one is meant.</summary>
    [Range(0.0, 1.0)]
    public double MinMargin { get; set; } = 0.15;

    /// <summary>The shop's order-number pattern (a .NET regular expression); empty for the default ("#A-10234", 5–8 digits).</summary>
    public string? OrderNumberPattern { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(OrderNumberPattern))
        {
            yield break;
        }

        string? problem = null;
        try
        {
            _ = new System.Text.RegularExpressions.Regex(OrderNumberPattern);
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"Understanding:OrderNumberPattern is not a valid regular expression: {problem}", [nameof(OrderNumberPattern)]);
        }
    }
}
