namespace Staffono.Skills.Customers;

/// <summary>A customer as the channel rules see them.</summary>
/// <param name="LastWrote">When they last sent a message; null if they never did.</param>
/// <param name="OptedOutAt">When they asked for no more non-transactional messages; null if they did not.</param>
public sealed record Contact(string CustomerKey, DateTimeOffset? LastWrote, DateTimeOffset? OptedOutAt);
