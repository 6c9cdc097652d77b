using Staffono.Skills.Business;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Business;

/// <summary>What the demo salon's customers write about its services, salons and staff.</summary>
public sealed class ProfileMentionsTests
{
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));

    [Theory]
    [InlineData("хочу на стрижку", "haircut")]
    [InlineData("zapishite na strizhku", "haircut")]
    [InlineData("can I book a strizhka", "haircut")]
    [InlineData("manikur na zavtra", "manicure")]
    [InlineData("ukladka v pyatnicu", "styling")]
    [InlineData("a haircut please", "haircut")]
    public void A_service_is_found_in_either_alphabet(string text, string service)
    {
        Assert.Equal(service, ProfileMentions.ServiceIn(Salon, text)?.Id);
    }

    [Theory]
    [InlineData("на Арбате", "arbat")]
    [InlineData("at Beauty on Arbat", "arbat")]
    [InlineData("Бьюти на Тверской", "tverskaya")]
    [InlineData("at Beauty on Tverskaya", "tverskaya")]
    [InlineData("na Tverskoy", "tverskaya")]
    [InlineData("в Бьюти", null)]
    [InlineData("at Beauty", null)]
    public void A_salon_is_found_by_what_sets_it_apart_not_by_the_brand_all_share(string text, string? location)
    {
        Assert.Equal(location, ProfileMentions.LocationIn(Salon, text)?.Id);
    }

    [Theory]
    [InlineData("а к Ирине можно?", "irina")]
    [InlineData("хочу к мастеру Ольге", "olga")]
    [InlineData("у Марины есть время?", "marina")]
    [InlineData("with Irina please", "irina")]
    [InlineData("can I go to Olga", "olga")]
    [InlineData("с Еленой", "elena")]
    [InlineData("я Ирина, хочу на маникюр", null)]
    [InlineData("Ирина", null)]
    [InlineData("к пятнице", null)]
    public void A_staff_member_is_found_when_asked_for_not_when_merely_named(string text, string? staff)
    {
        Assert.Equal(staff, ProfileMentions.StaffIn(Salon, text)?.Id);
    }
}
