using Staffono.Skills.Shop;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Shop;

/// <summary>
/// A customer proves an order is theirs by typing its phone or e-mail however they like to write it: a phone
/// matches by its last ten digits, an e-mail whatever its case and surrounding spaces; anything else (another
/// number, a word, a short number, nothing) never matches, and a missing contact on the order never matches
/// a missing answer.
/// </summary>
public sealed class ContactMatchTests
{
    private static Order OrderWith(string? phone, string? email) => new()
    {
        Number = "A-10234",
        Phone = phone,
        Email = email,
        Items = [new OrderItem("robe", "M", 1, 3900m)],
        PaymentMethod = "card",
        ShippingMethod = "courier",
        PlacedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
        Status = OrderStatus.Processing,
    };

    private static readonly Order Anna = OrderWith("+7 (916) 123-45-67", "Anna.Petrova@Example.com");

    [Theory]
    [InlineData("+7 (916) 123-45-67")]
    [InlineData("89161234567")]
    [InlineData("916 123 45 67")]
    [InlineData("+79161234567")]
    [InlineData("8-916-123-45-67")]
    [InlineData("8 (916) 123.45.67")]
    [InlineData("  9161234567  ")]
    public void A_phone_matches_in_any_spelling_with_the_same_last_ten_digits(string given) =>
        Assert.True(ContactMatch.Matches(Anna, given));

    [Theory]
    [InlineData("anna.petrova@example.com")]
    [InlineData("ANNA.PETROVA@EXAMPLE.COM")]
    [InlineData("  Anna.Petrova@Example.com ")]
    public void An_email_matches_whatever_its_case_and_surrounding_spaces(string given) =>
        Assert.True(ContactMatch.Matches(Anna, given));

    [Theory]
    [InlineData("+7 (916) 123-45-68")]
    [InlineData("89261234567")]
    [InlineData("завтра")]
    [InlineData("123-45-67")]
    [InlineData("916123456")]
    [InlineData("9161234567 звоните после шести")]
    [InlineData("anna.petrova@example.org")]
    [InlineData("anna.petrova")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Another_number_a_word_a_short_number_or_nothing_does_not_match(string? given) =>
        Assert.False(ContactMatch.Matches(Anna, given));

    [Fact]
    public void An_order_with_only_an_email_never_matches_a_phone()
    {
        var emailOnly = OrderWith(null, "anna@example.com");

        Assert.False(ContactMatch.Matches(emailOnly, "+7 (916) 123-45-67"));
        Assert.False(ContactMatch.Matches(emailOnly, null));
        Assert.True(ContactMatch.Matches(emailOnly, "Anna@Example.com"));
    }

    [Fact]
    public void An_order_with_only_a_phone_never_matches_an_email()
    {
        var phoneOnly = OrderWith("89161234567", null);

        Assert.False(ContactMatch.Matches(phoneOnly, "anna@example.com"));
        Assert.False(ContactMatch.Matches(phoneOnly, ""));
        Assert.True(ContactMatch.Matches(phoneOnly, "+7 916 123 45 67"));
    }

    [Fact]
    public void An_order_without_contacts_matches_nothing()
    {
        var none = OrderWith(null, null);

        Assert.False(ContactMatch.Matches(none, null));
        Assert.False(ContactMatch.Matches(none, "завтра"));
        Assert.False(ContactMatch.Matches(none, "89161234567"));
    }

    [Theory]
    [InlineData("+7 (916) 123-45-67", "phone:9161234567")]
    [InlineData("89161234567", "phone:9161234567")]
    [InlineData(" Anna@Example.COM ", "email:anna@example.com")]
    [InlineData("12345", null)]
    [InlineData("позвоните мне", null)]
    [InlineData(null, null)]
    public void The_comparable_form_names_the_kind_of_contact(string? contact, string? expected) =>
        Assert.Equal(expected, ContactMatch.Normalize(contact));
}
