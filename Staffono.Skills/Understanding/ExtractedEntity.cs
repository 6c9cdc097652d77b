namespace Staffono.Skills.Understanding;

/// <summary>An entity as an LLM named it ("date" → "завтра в 11", "order" → "A-10234"); a hint, validated by the recognizers before use.</summary>
public sealed record ExtractedEntity(string Type, string Value);
