using System.ComponentModel.DataAnnotations;

namespace Staffono.Skills.Ai;

/// <summary>
/// An OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio). Without an
/// endpoint and model the bot understands messages offline only.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Llm";

    /// <summary>Base URL, e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama), or an Azure deployment's URL.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    /// <summary>How the key is sent: <c>bearer</c> (OpenAI and compatible servers) or <c>api-key</c> (Azure OpenAI).</summary>
    public string KeyHeader { get; set; } = "bearer";

    /// <summary>Longest wait for one answer before the offline result is used instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Failures in a row that open the circuit: the LLM is then not asked for <see cref="BreakDuration"/>.</summary>
    [Range(1, 100)]
    public int FailuresToBreak { get; set; } = 3;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Endpoint) && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"Llm:Endpoint '{Endpoint}' is not an absolute URL.", [nameof(Endpoint)]);
        }

        if (!string.IsNullOrWhiteSpace(Endpoint) && string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Llm:Model is required when Llm:Endpoint is set.", [nameof(Model)]);
        }

        if (KeyHeader is not ("bearer" or "api-key"))
        {
            yield return new ValidationResult("Llm:KeyHeader must be 'bearer' or 'api-key'.", [nameof(KeyHeader)]);
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Llm:Timeout must be between 0 and 00:01:00.", [nameof(Timeout)]);
        }
    }
}
