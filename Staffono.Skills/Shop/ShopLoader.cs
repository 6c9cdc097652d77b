using System.Globalization;
using Staffono.Skills.Business;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Staffono.Skills.Shop;

/// <summary>
/// Reads the shop file the profile names. Like the profile, it is edited by hand, so it is read strictly: an
/// unknown key, a missing field or a value out of range stops start-up with the file, the line where the
/// YAML says so, and the field (<c>demo-shop.yaml: products[3].price: expected a price above 0.</c>).
/// </summary>
public static class ShopLoader
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static Shop Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BusinessProfileException($"{path}: the shop file does not exist.");
        }

        var name = Path.GetFileName(path);
        ShopFile file;
        try
        {
            using var reader = new StreamReader(path);
            file = Reader.Deserialize<ShopFile>(reader) ?? throw new BusinessProfileException($"{name}:1: the shop file is empty.");
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is { } cause and not YamlException ? " " + cause.Message : string.Empty;
            throw new BusinessProfileException($"{name}:{ex.Start.Line}: {ex.Message.TrimEnd('.')}.{inner}");
        }

        return new Converter(name).Shop(file);
    }

    private sealed class Converter(string file) : StrictFields(file)
    {
        public Shop Shop(ShopFile f)
        {
            var currency = Currency(f.Currency, "currency");

            var identity = f.Identity ?? new IdentityFile();
            var rules = new IdentityRules(identity.OneTimeCode, Range(identity.Attempts, 1, 10, "identity.attempts"), TimeSpan.FromMinutes(Range(identity.LockMinutes, 1, 24 * 60, "identity.lock_minutes")));

            var products = (f.Products ?? throw Error("products", "is missing.")).Select((p, i) => Product(p, $"products[{i}]")).ToList();
            Unique(products.Select(p => p.Sku).ToList(), "products", "sku");
            var policy = Policy(f.ReturnPolicy ?? throw Error("return_policy", "is missing."));
            var shipping = (f.Shipping ?? throw Error("shipping", "is missing.")).Select((s, i) =>
                new ShippingMethod(Id(s.Id, $"shipping[{i}].id"), Text(s.Name, $"shipping[{i}].name"), Range(s.SlaDays, 1, 90, $"shipping[{i}].sla_days"))).ToList();
            Unique(shipping.Select(s => s.Id).ToList(), "shipping", "id");
            var delays = (f.Delays ?? []).Select((d, i) =>
                new DelayExplanation(Id(d.Id, $"delays[{i}].id"), Text(d.Explanation, $"delays[{i}].explanation"), Text(d.NextSteps, $"delays[{i}].next_steps"))).ToList();
            Unique(delays.Select(d => d.Id).ToList(), "delays", "id");
            if (!delays.Any(d => d.Id == DelayExplanation.DefaultId))
            {
                throw Error("delays", "needs an entry with id 'default', told when a late order has no known reason.");
            }

            var faq = (f.Faq ?? []).Select((q, i) => Faq(q, $"faq[{i}]")).ToList();
            Unique(faq.Select(q => q.Id).ToList(), "faq", "id");
            return new Shop(currency, rules, products, policy, shipping, delays, faq);
        }

        private Product Product(ProductFile p, string path)
        {
            if (p.Price is not > 0m)
            {
                throw Error(path + ".price", $"expected a price above 0, found '{p.Price}'.");
            }

            return new Product(
                Id(p.Sku, path + ".sku"),
                Text(p.Name, path + ".name"),
                Id(p.Category, path + ".category"),
                p.Price.Value,
                p.Variants ?? [],
                Range(p.WarrantyMonths ?? 0, 0, 120, path + ".warranty_months"),
                p.FinalSale,
                Optional(p.Care, path + ".care"),
                Optional(p.Compatibility, path + ".compatibility"),
                Optional(p.Included, path + ".included"),
                Optional(p.Sizes, path + ".sizes"));
        }

        private ReturnPolicy Policy(PolicyFile p)
        {
            const string path = "return_policy";
            var conditions = (p.AcceptedConditions ?? throw Error(path + ".accepted_conditions", "is missing.")).Select((c, i) => Enum<ItemCondition>(c, $"{path}.accepted_conditions[{i}]")).ToHashSet();
            var resolutions = (p.Resolutions ?? throw Error(path + ".resolutions", "is missing.")).Select((r, i) => Enum<Resolution>(r, $"{path}.resolutions[{i}]")).Distinct().ToList();
            if (resolutions.Count == 0)
            {
                throw Error(path + ".resolutions", "must name at least one of exchange, store_credit, refund, partial_refund.");
            }

            var refundDays = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            foreach (var (method, text) in p.RefundDays ?? [])
            {
                var parts = (text ?? string.Empty).Split('-', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max < min || max > 90)
                {
                    throw Error($"{path}.refund_days.{method}", $"expected business days as \"min-max\" such as \"5-10\", found '{text}'.");
                }

                refundDays[method] = (min, max);
            }

            var shipping = p.ReturnShipping ?? "customer";
            if (shipping is not ("customer" or "shop"))
            {
                throw Error(path + ".return_shipping", $"expected customer or shop, found '{shipping}'.");
            }

            var repeat = p.RepeatReturner ?? new RepeatFile();
            return new ReturnPolicy(
                Range(p.WindowDays ?? -1, 0, 365, path + ".window_days"),
                (p.FinalSaleCategories ?? []).ToHashSet(StringComparer.Ordinal),
                p.DefectsOverrideFinalSale,
                conditions,
                resolutions,
                Percent(p.RestockingFeePercent, path + ".restocking_fee_percent"),
                Percent(p.PartialRefundPercent, path + ".partial_refund_percent"),
                shipping == "shop",
                Range(p.StoreCreditGraceDays, 0, 365, path + ".store_credit_grace_days"),
                p.PersonDecidesAbove is >= 0m ? p.PersonDecidesAbove.Value : throw Error(path + ".person_decides_above", "expected an amount of 0 or more."),
                Range(repeat.Returns, 0, 100, path + ".repeat_returner.returns"),
                Range(repeat.Days, 1, 365, path + ".repeat_returner.days"),
                refundDays,
                Text(p.Instructions, path + ".instructions"));
        }

        private FaqEntry Faq(FaqFile q, string path)
        {
            var questions = q.Questions ?? throw Error(path + ".questions", "is missing.");
            if (questions.Ru is not { Count: > 0 } ru || questions.En is not { Count: > 0 } en)
            {
                throw Error(path + ".questions", "needs at least one question in ru and in en.");
            }

            return new FaqEntry(Id(q.Id, path + ".id"), ru, en, Text(q.Answer, path + ".answer"));
        }

        private decimal Percent(decimal? value, string path) =>
            value is >= 0m and <= 100m ? value.Value : throw Error(path, $"expected a percentage from 0 to 100, found '{value}'.");

        private LocalizedText? Optional(TextFile? text, string path) => text is null ? null : Text(text, path);
    }

    // The file's shape, for YamlDotNet: an unknown key is an error with its line.
#pragma warning disable CA1812 // Instantiated by the YAML reader.
    private sealed class ShopFile
    {
        public string? Currency { get; set; }
        public IdentityFile? Identity { get; set; }
        public List<ProductFile>? Products { get; set; }
        public PolicyFile? ReturnPolicy { get; set; }
        public List<ShippingFile>? Shipping { get; set; }
        public List<DelayFile>? Delays { get; set; }
        public List<FaqFile>? Faq { get; set; }
    }

    private sealed class IdentityFile
    {
        public bool OneTimeCode { get; set; }
        public int Attempts { get; set; } = 3;
        public int LockMinutes { get; set; } = 30;
    }

    private sealed class ProductFile
    {
        public string? Sku { get; set; }
        public TextFile? Name { get; set; }
        public string? Category { get; set; }
        public decimal? Price { get; set; }
        public List<string>? Variants { get; set; }
        public int? WarrantyMonths { get; set; }
        public bool FinalSale { get; set; }
        public TextFile? Care { get; set; }
        public TextFile? Compatibility { get; set; }
        public TextFile? Included { get; set; }
        public TextFile? Sizes { get; set; }
    }

    private sealed class PolicyFile
    {
        public int? WindowDays { get; set; }
        public List<string>? FinalSaleCategories { get; set; }
        public bool DefectsOverrideFinalSale { get; set; } = true;
        public List<string>? AcceptedConditions { get; set; }
        public List<string>? Resolutions { get; set; }
        public decimal? RestockingFeePercent { get; set; } = 0;
        public decimal? PartialRefundPercent { get; set; } = 0;
        public string? ReturnShipping { get; set; }
        public int StoreCreditGraceDays { get; set; }
        public decimal? PersonDecidesAbove { get; set; }
        public RepeatFile? RepeatReturner { get; set; }
        public Dictionary<string, string?>? RefundDays { get; set; }
        public TextFile? Instructions { get; set; }
    }

    private sealed class RepeatFile
    {
        public int Returns { get; set; }
        public int Days { get; set; } = 90;
    }

    private sealed class ShippingFile
    {
        public string? Id { get; set; }
        public TextFile? Name { get; set; }
        public int SlaDays { get; set; }
    }

    private sealed class DelayFile
    {
        public string? Id { get; set; }
        public TextFile? Explanation { get; set; }
        public TextFile? NextSteps { get; set; }
    }

    private sealed class FaqFile
    {
        public string? Id { get; set; }
        public QuestionsFile? Questions { get; set; }
        public TextFile? Answer { get; set; }
    }

    private sealed class QuestionsFile
    {
        public List<string>? Ru { get; set; }
        public List<string>? En { get; set; }
    }

    private sealed class TextFile : ILocalizedFile
    {
        public string? Ru { get; set; }
        public string? En { get; set; }
    }
#pragma warning restore CA1812
}
