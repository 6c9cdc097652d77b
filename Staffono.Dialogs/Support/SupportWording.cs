using System.Globalization;
using Staffono.Dialogs.Engine;
using Staffono.Skills.Shop;

namespace Staffono.Dialogs.Support;

/// <summary>Money, dates and names as the customer reads them, in their language and the business's time zone.</summary>
internal static class SupportWording
{
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "ru" ? "ru-RU" : "en-US");

    public static string Money(string language, decimal amount, string currency)
    {
        var number = amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", Culture(language));
        return currency == "RUB" ? number + " ₽" : number + " " + currency;
    }

    public static string Date(string language, DateOnly date) =>
        date.ToString(language == "ru" ? "d MMMM" : "MMMM d", Culture(language));

    public static string Moment(string language, DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(language == "ru" ? "d MMMM, HH:mm" : "MMMM d, HH:mm", Culture(language));

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>"Фен «Pro 2000» (M)" — the product's name in the customer's language with its variant.</summary>
    public static string Item(string language, Shop shop, OrderItem item)
    {
        var name = shop.Product(item.Sku)?.Name.In(language) ?? item.Sku;
        var quantity = item.Quantity > 1 ? $" ×{item.Quantity}" : string.Empty;
        return item.Variant is { Length: > 0 } variant ? $"{name} ({variant}){quantity}" : name + quantity;
    }

    /// <summary>"5–10 рабочих дней" for the refund timing.</summary>
    public static string Days(string language, (int Min, int Max) days) =>
        days.Max == 0 ? Texts.Get(language, "support.days_same") : Texts.Get(language, "support.days", days.Min, days.Max);
}
