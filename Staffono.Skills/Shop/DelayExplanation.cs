using Staffono.Skills.Business;

namespace Staffono.Skills.Shop;

/// <summary>Why an order may be late, told calmly, and what happens next. The entry "default" covers any other reason.</summary>
public sealed record DelayExplanation(string Id, LocalizedText Explanation, LocalizedText NextSteps)
{
    public const string DefaultId = "default";
}
