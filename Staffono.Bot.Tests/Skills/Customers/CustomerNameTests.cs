using Staffono.Skills.Customers;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Customers;

public sealed class CustomerNameTests
{
    [Theory]
    [InlineData("Анна", "Анна")]
    [InlineData("  анна  ", "анна")]
    [InlineData("Меня зовут Анна", "Анна")]
    [InlineData("меня зовут Анна-Мария.", "Анна-Мария")]
    [InlineData("Я Ольга", "Ольга")]
    [InlineData("Анна Петровна Смирнова", "Анна Петровна Смирнова")]
    [InlineData("My name is Anna", "Anna")]
    [InlineData("I'm Anna", "Anna")]
    [InlineData("it's John O'Neil", "John O'Neil")]
    [InlineData("Anna!", "Anna")]
    public void A_name_is_taken_from_the_answer(string answer, string name)
    {
        Assert.Equal(name, CustomerName.From(answer));
    }

    [Theory]
    [InlineData("нет")]
    [InlineData("да")]
    [InlineData("не скажу")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("ok")]
    [InlineData("😀😀")]
    [InlineData("👍")]
    [InlineData("+7 999 123-45-67")]
    [InlineData("anna@example.com")]
    [InlineData("1")]
    [InlineData("я")]
    [InlineData("")]
    [InlineData("хочу записаться на стрижку завтра в одиннадцать")]
    public void What_is_not_a_name_is_refused(string answer)
    {
        Assert.Null(CustomerName.From(answer));
    }
}
