using System.Globalization;
using Staffono.Skills.Business;
using Staffono.Skills.Shop;

namespace Staffono.Skills.Knowledge;

/// <summary>
/// Builds the knowledge base from what the owner already wrote: the profile (hours and addresses), the
/// products (care, compatibility, what is included, sizes, warranty) and the FAQ. Nothing is typed twice,
/// so an answer changes when the profile does.
/// </summary>
public static class KnowledgeBuilder
{
    // How customers ask about each side of a product; the product's name is added to each.
    private static readonly (string Facet, string Ru, string En)[] Facets =
    [
        ("compatibility", "совместимость подходит подойдет совместим совместимы подойдут подходят работает с", "compatible compatibility fit fits work with works with"),
        ("care", "уход как ухаживать чистить чистка мыть стирать стирка хранить", "care clean cleaning wash washing how to look after maintain"),
        ("included", "комплектация что входит в комплект что в коробке комплект", "included in the box comes with package contents what's in the box"),
        ("sizes", "размер размеры какой размер выбрать размерная сетка диаметр", "size sizes size guide which size chart diameter fit"),
        ("warranty", "гарантия гарантийный срок гарантия сколько", "warranty guarantee how long warranty"),
    ];

    public static KnowledgeBase Build(BusinessProfile profile, Shop.Shop? shop)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var entries = new List<KnowledgeEntry>
        {
            new("business:hours",
                ["часы работы", "во сколько вы открываетесь", "до скольки вы работаете", "график работы режим работы", "когда вы работаете открыты", "работаете ли в воскресенье выходные",
                 "opening hours", "what time do you open", "when do you close", "are you open on sunday weekend", "working hours"],
                Hours(profile)),
            new("business:addresses",
                ["адрес", "где вы находитесь", "где салон", "как вас найти", "ваш адрес где магазин",
                 "address", "where are you located", "where is the salon", "how to find you", "your address location"],
                new LocalizedText(
                    string.Join("\n", profile.Locations.Select(l => $"{l.Name.Ru}: {l.Address.Ru}")),
                    string.Join("\n", profile.Locations.Select(l => $"{l.Name.En}: {l.Address.En}")))),
        };

        if (shop is not null)
        {
            foreach (var product in shop.Products)
            {
                foreach (var (facet, ru, en) in Facets)
                {
                    var text = facet switch
                    {
                        "compatibility" => product.Compatibility,
                        "care" => product.Care,
                        "included" => product.Included,
                        "sizes" => product.Sizes ?? Variants(product),
                        _ => Warranty(product),
                    };
                    if (text is not null)
                    {
                        entries.Add(new KnowledgeEntry(
                            $"product:{product.Sku}:{facet}",
                            [$"{product.Name.Ru} {ru}", $"{product.Name.En} {en}"],
                            new LocalizedText($"{product.Name.Ru}: {text.Ru}", $"{product.Name.En}: {text.En}")));
                    }
                }
            }

            entries.AddRange(shop.Faq.Select(f => new KnowledgeEntry("faq:" + f.Id, f.QuestionsRu.Concat(f.QuestionsEn).ToList(), f.Answer)));
        }

        return new KnowledgeBase(entries);
    }

    private static LocalizedText? Variants(Product product) =>
        product.Variants.Count < 2 ? null : new LocalizedText("есть варианты " + string.Join(", ", product.Variants) + ".", "comes in " + string.Join(", ", product.Variants) + ".");

    private static LocalizedText Warranty(Product product) => product.WarrantyMonths > 0
        ? new LocalizedText($"гарантия {product.WarrantyMonths} мес. со дня получения.", $"{product.WarrantyMonths}-month warranty from the day you receive it.")
        : new LocalizedText("гарантийного срока нет; если товар пришёл с браком, мы его заменим или вернём деньги.", "no warranty period; if it arrives faulty, we replace it or refund you.");

    /// <summary>Each location's days and hours, from when anybody works there.</summary>
    private static LocalizedText Hours(BusinessProfile profile)
    {
        string For(CultureInfo culture, Func<Location, string> name)
        {
            var lines = new List<string>();
            foreach (var location in profile.Locations)
            {
                var days = new List<string>();
                foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday })
                {
                    var shifts = profile.Staff.SelectMany(s => s.Hours).Where(h => h.LocationId == location.Id && h.Day == day).ToList();
                    if (shifts.Count > 0)
                    {
                        days.Add($"{culture.DateTimeFormat.GetAbbreviatedDayName(day)} {shifts.Min(s => s.From):HH\\:mm}–{shifts.Max(s => s.To):HH\\:mm}");
                    }
                }

                lines.Add($"{name(location)}: {string.Join(", ", days)}");
            }

            return string.Join("\n", lines);
        }

        return new LocalizedText(For(CultureInfo.GetCultureInfo("ru-RU"), l => l.Name.Ru), For(CultureInfo.GetCultureInfo("en-US"), l => l.Name.En));
    }
}
