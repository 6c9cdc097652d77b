using System.Globalization;
using Staffono.Skills.Business;
using Staffono.Skills.Knowledge;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Knowledge;

/// <summary>
/// The knowledge base built from the demo profile and shop answers customers' questions from the right entry
/// with confidence, in Russian and English and whatever the Russian word form; a question about something the
/// shop never mentions scores below the threshold, so the bot says it does not know instead of answering a
/// neighbouring question; and an empty question finds nothing.
/// </summary>
public sealed class KnowledgeBaseTests
{
    /// <summary>The confidence below which the bot does not answer from the knowledge base.</summary>
    private const double Threshold = 0.55;

    private static readonly BusinessProfile Profile = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));

    private static readonly KnowledgeBase Answers = KnowledgeBuilder.Build(Profile, Profile.Shop);

    [Theory]
    [InlineData("как стирать халат", "product:robe:care")]
    [InlineData("how do I wash the robe", "product:robe:care")]
    [InlineData("как чистить фен", "product:dryer-pro:care")]
    [InlineData("how do I clean the dryer filter", "product:dryer-pro:care")]
    [InlineData("что входит в комплект выпрямителя", "product:straightener:included")]
    [InlineData("what's in the box with the flat iron", "product:straightener:included")]
    [InlineData("what are your opening hours", "business:hours")]
    [InlineData("when do you open on sunday", "business:hours")]
    [InlineData("где вы находитесь", "business:addresses")]
    [InlineData("where are you located", "business:addresses")]
    [InlineData("можно оплатить картой", "faq:payment-methods")]
    [InlineData("Can I pay by card?", "faq:payment-methods")]
    [InlineData("сколько идёт доставка", "faq:delivery-cost-time")]
    [InlineData("есть парковка?", "faq:parking")]
    [InlineData("how long is a gift card valid", "faq:gift-cards")]
    [InlineData("which robe size should I choose", "faq:robe-size")]
    public void A_question_is_answered_from_the_right_entry_with_confidence(string question, string id)
    {
        var best = Answers.Search(question).FirstOrDefault();
        Assert.NotNull(best);

        Assert.Equal(id, best.Entry.Id);
        Assert.True(best.Confidence >= Threshold, Describe(question, best));
    }

    [Theory]
    [InlineData("Подойдёт ли диффузор к фену Pro 2000?")]
    [InlineData("подходит ли диффузор к фену Pro 2000")]
    [InlineData("Does the diffuser fit the Pro 2000 dryer?")]
    [InlineData("is the diffuser compatible with the Pro 2000 dryer")]
    public void Compatibility_of_the_diffuser_and_the_dryer_is_answered_in_both_languages(string question)
    {
        var best = Answers.Search(question).FirstOrDefault();
        Assert.NotNull(best);

        Assert.Contains(best.Entry.Id, new[] { "product:diffuser-dp:compatibility", "product:dryer-pro:compatibility" });
        Assert.True(best.Confidence >= Threshold, Describe(question, best));
    }

    [Fact]
    public void Russian_word_forms_meet_at_one_stem()
    {
        Assert.Equal(["фен"], KnowledgeText.Stems("фену"));
        Assert.Equal(KnowledgeText.Stems("фену"), KnowledgeText.Stems("фена"));
        Assert.Equal(KnowledgeText.Stems("фен"), KnowledgeText.Stems("феном"));
        Assert.Equal(KnowledgeText.Stems("щётка"), KnowledgeText.Stems("щетки"));
        Assert.Equal(KnowledgeText.Stems("washing"), KnowledgeText.Stems("wash"));
    }

    [Theory]
    [InlineData("что входит в комплект фена")]
    [InlineData("комплектация фена")]
    [InlineData("что в коробке с феном")]
    public void Any_form_of_the_word_finds_the_dryer(string question)
    {
        var best = Answers.Search(question).FirstOrDefault();
        Assert.NotNull(best);

        Assert.Equal("product:dryer-pro:included", best.Entry.Id);
        Assert.True(best.Confidence >= Threshold, Describe(question, best));
    }

    [Fact]
    public void The_dryer_asked_about_in_the_dative_and_the_genitive_finds_the_same_entries()
    {
        var dative = Answers.Search("фену").Select(h => h.Entry.Id).ToList();
        var genitive = Answers.Search("фена").Select(h => h.Entry.Id).ToList();

        Assert.NotEmpty(dative);
        Assert.Equal(dative, genitive);
        Assert.Contains("dryer", dative[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("продаёте ли вы парики из натуральных волос")]
    [InlineData("do you sell wigs made of natural hair")]
    [InlineData("какая погода завтра")]
    [InlineData("доставка на Марс")]
    public void A_question_about_what_the_shop_never_mentions_scores_below_the_threshold(string question)
    {
        var hits = Answers.Search(question);

        Assert.All(hits, hit => Assert.True(hit.Confidence < Threshold, Describe(question, hit)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("?!")]
    [InlineData("и в на ли")]
    public void An_empty_question_finds_nothing(string? question) => Assert.Empty(Answers.Search(question));

    [Fact]
    public void Hits_come_best_first_at_most_as_many_as_asked_with_confidence_between_zero_and_one()
    {
        var hits = Answers.Search("какой размер халата выбрать", take: 5);

        Assert.Equal(5, hits.Count);
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
        Assert.All(hits, hit => Assert.InRange(hit.Confidence, 0.0, 1.0));
        Assert.Single(Answers.Search("какой размер халата выбрать", take: 1));
    }

    [Fact]
    public void Entries_come_from_the_profile_the_products_and_the_faq_each_with_its_own_id()
    {
        var ids = Answers.Entries.Select(e => e.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(21, ids.Count(id => id.StartsWith("faq:", StringComparison.Ordinal)));
        Assert.Equal(14, ids.Count(id => id.EndsWith(":warranty", StringComparison.Ordinal)));
        Assert.Contains("product:brush-round:sizes", ids);
        Assert.Contains("product:towel-set:sizes", ids);    // from its variants, as it has no sizes text
        Assert.DoesNotContain("product:curler:sizes", ids);  // one variant only: nothing to choose
        Assert.DoesNotContain("product:curler:care", ids);

        var addresses = Answers.Find("business:addresses")!.Answer;
        Assert.Contains("Москва, ул. Тверская, 12", addresses.Ru, StringComparison.Ordinal);
        Assert.Contains("24 Arbat St, Moscow", addresses.En, StringComparison.Ordinal);
        var hours = Answers.Find("business:hours")!.Answer.En;
        Assert.Contains("Beauty on Tverskaya: Mon 10:00–21:00", hours, StringComparison.Ordinal);
        Assert.Contains("Sun 10:00–16:00", hours, StringComparison.Ordinal);
        Assert.Contains("24-month warranty", Answers.Find("product:dryer-pro:warranty")!.Answer.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_shop_only_the_business_answers()
    {
        var business = KnowledgeBuilder.Build(Profile, null);

        Assert.Equal(["business:hours", "business:addresses"], business.Entries.Select(e => e.Id));
        Assert.Equal("business:addresses", business.Search("где вы находитесь")[0].Entry.Id);
        Assert.All(business.Search("можно оплатить картой"), hit => Assert.True(hit.Confidence < Threshold));
    }

    private static string Describe(string? question, KnowledgeHit hit) =>
        $"'{question}' found {hit.Entry.Id} with confidence {hit.Confidence.ToString("0.000", CultureInfo.InvariantCulture)}.";
}
