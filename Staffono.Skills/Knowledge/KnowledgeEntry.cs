using Staffono.Skills.Business;

namespace Staffono.Skills.Knowledge;

/// <summary>
/// One thing the bot may say in answer to a question: the ways customers ask it (in both languages) and
/// the answer. Its id ("faq:payment-methods", "product:dryer-pro:compatibility", "business:hours") is what
/// an answer records, so every answer can be traced to the entry it came from.
/// </summary>
public sealed record KnowledgeEntry(string Id, IReadOnlyList<string> Questions, LocalizedText Answer);
