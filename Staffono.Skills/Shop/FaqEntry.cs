using Staffono.Skills.Business;

namespace Staffono.Skills.Shop;

/// <summary>A question the owner answers once: the ways customers ask it, in each language, and the answer.</summary>
public sealed record FaqEntry(string Id, IReadOnlyList<string> QuestionsRu, IReadOnlyList<string> QuestionsEn, LocalizedText Answer);
