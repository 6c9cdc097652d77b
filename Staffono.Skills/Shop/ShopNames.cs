namespace Staffono.Skills.Shop;

/// <summary>How the shop's values are spelled where people write them: "opened_unused" in the shop file and in text keys for <see cref="ItemCondition.OpenedUnused"/>.</summary>
public static class ShopNames
{
    public static string Snake<T>(T value)
        where T : struct, Enum => Snake(value.ToString());

    public static string Snake(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        return string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
