namespace Staffono.Skills.Knowledge;

/// <summary>An entry found for a question, with how sure the search is (0–1: the share of the question's meaningful words the entry covers, weighted by rarity).</summary>
public sealed record KnowledgeHit(KnowledgeEntry Entry, double Confidence, double Score);
