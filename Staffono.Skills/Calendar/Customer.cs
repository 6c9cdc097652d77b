namespace Staffono.Skills.Calendar;

/// <summary>Who books: the channel user (channel and user id), and the phone and name they gave.</summary>
public sealed record Customer(string Key, string? Name, string? Phone);
