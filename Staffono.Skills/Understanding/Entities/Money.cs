namespace Staffono.Skills.Understanding.Entities;

/// <summary>An amount of money and its ISO 4217 currency (RUB, USD, EUR).</summary>
public sealed record Money(decimal Amount, string Currency);
