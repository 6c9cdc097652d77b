namespace Staffono.Skills.Business;

/// <summary>A place where customers are served.</summary>
public sealed record Location(string Id, LocalizedText Name, LocalizedText Address);
