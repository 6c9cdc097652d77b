namespace Staffono.Skills.Customers;

/// <summary>
/// Who the bot is talking to: the channel user ("channel/user id", the key every workflow stores
/// under) and the name and phone they gave. A customer only ever reaches their own records by this key.
/// </summary>
public sealed record Customer(string Key, string? Name, string? Phone);
