using Staffono.Skills.Understanding;
using Staffono.Skills.Understanding.Entities;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Understanding;

public sealed class EntityRecognizerTests
{
    [Theory]
    [InlineData("стрижка за 5 000 ₽?", 5000, "RUB")]
    [InlineData("бюджет 5000 руб", 5000, "RUB")]
    [InlineData("до 5к рублей", 5000, "RUB")]
    [InlineData("отдала 1500р", 1500, "RUB")]
    [InlineData("it cost $340", 340, "USD")]
    [InlineData("€20 is fine", 20, "EUR")]
    [InlineData("refund 1,200.50 USD please", 1200.50, "USD")]
    [InlineData("20 евро", 20, "EUR")]
    [InlineData("1200,50 руб", 1200.50, "RUB")]
    public void Money(string text, double amount, string currency)
    {
        Assert.Equal(new Money((decimal)amount, currency), MoneyRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("заказ 12345")]
    [InlineData("в 11:00")]
    [InlineData("no money here")]
    public void Not_money(string text)
    {
        Assert.Null(MoneyRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("мой номер 8 (912) 345-67-89", "+79123456789")]
    [InlineData("+7 912 3456789", "+79123456789")]
    [InlineData("звоните 89123456789", "+79123456789")]
    [InlineData("9123456789", "+79123456789")]
    [InlineData("+7-912-345-67-89", "+79123456789")]
    [InlineData("call me at +44 20 7946 0958", "+442079460958")]
    [InlineData("my cell is +1 (415) 555-2671", "+14155552671")]
    public void Phones_in_e164(string text, string expected)
    {
        Assert.Equal(expected, PhoneRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("заказ 12345")]
    [InlineData("#A-10234")]
    [InlineData("call me tomorrow")]
    public void Not_phones(string text)
    {
        Assert.Null(PhoneRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("пишите на Anna.Petrova@mail.ru.", "anna.petrova@mail.ru")]
    [InlineData("email: john+shop@example.co.uk", "john+shop@example.co.uk")]
    public void Emails(string text, string expected)
    {
        Assert.Equal(expected, EmailRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("где мой заказ #A-10234?", "A-10234")]
    [InlineData("order a-10234 is late", "A-10234")]
    [InlineData("заказ 1234567 не пришёл", "1234567")]
    [InlineData("номер заказа #98765", "98765")]
    public void Order_numbers(string text, string expected)
    {
        Assert.Equal(expected, new OrderNumberRecognizer().Recognize(text));
    }

    [Theory]
    [InlineData("мой телефон +7 912 345-67-89")]
    [InlineData("оплатил 12000 руб")]
    [InlineData("в 2026 году")]
    [InlineData("no number")]
    public void Not_order_numbers(string text)
    {
        Assert.Null(new OrderNumberRecognizer().Recognize(text));
    }

    [Fact]
    public void A_shop_can_configure_its_own_order_pattern()
    {
        var recognizer = new OrderNumberRecognizer(@"\bSHOP\d{6}\b");

        Assert.Equal("SHOP123456", recognizer.Recognize("where is shop123456"));
        Assert.Null(recognizer.Recognize("#A-10234"));
    }

    [Theory]
    [InlineData("займёт 2 часа", 120)]
    [InlineData("полчаса", 30)]
    [InlineData("90 минут", 90)]
    [InlineData("about 1.5 hours", 90)]
    [InlineData("an hour", 60)]
    [InlineData("45 min", 45)]
    [InlineData("2h", 120)]
    [InlineData("два часа", 120)]
    public void Durations(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), DurationRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("5к", 5000L)]
    [InlineData("пять тысяч", 5000L)]
    public void Numbers_with_thousands(string text, long expected)
    {
        Assert.Equal(expected, NumberRecognizer.Recognize(text));
    }
}
