using Staffono.Skills.Shop;

namespace Staffono.Dialogs.Support;

/// <summary>How an identity check ended: the order it proved, or a lock (with until when), or neither (the customer left it).</summary>
/// <param name="Shaky">It took more than one try: returns then go to a person.</param>
public sealed record OrderCheck(Order? Order, bool Shaky, DateTimeOffset? LockedUntil, string? OrderNumber)
{
    public bool Locked => LockedUntil is not null;
}
