namespace Staffono.Skills.Calendar;

/// <summary>A slot kept for one customer for a few minutes while they confirm.</summary>
public sealed record Hold(string Id, Slot Slot, string HolderKey, DateTimeOffset ExpiresAt);
