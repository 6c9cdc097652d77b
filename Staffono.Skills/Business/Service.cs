namespace Staffono.Skills.Business;

/// <summary>A service: how long it takes, its price range, whether it needs a double confirmation.</summary>
public sealed record Service(string Id, LocalizedText Name, IReadOnlyList<string> Synonyms, TimeSpan Duration, decimal PriceFrom, decimal PriceTo, string Currency, bool Premium, IReadOnlyList<string> LocationIds);
