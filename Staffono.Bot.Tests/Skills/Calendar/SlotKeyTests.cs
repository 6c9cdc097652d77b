using Staffono.Skills.Business;
using Staffono.Skills.Calendar;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Calendar;

public sealed class SlotKeyTests
{
    private static readonly BusinessProfile Salon = BusinessProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-profile.yaml"));

    [Fact]
    public void A_slot_comes_back_from_its_key_with_the_service_duration()
    {
        var service = Salon.Services[0];
        var start = new DateTime(2026, 11, 25, 11, 0, 0);
        var slot = new Slot(service.Id, Salon.Staff[0].Id, Salon.Staff[0].Hours[0].LocationId, start, start + service.Duration);

        Assert.Equal(slot, SlotKey.Parse(SlotKey.Of(slot), service.Id, Salon));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("olga|tverskaya")]
    [InlineData("olga|tverskaya|x")]
    [InlineData("olga|tverskaya|-5")]
    [InlineData("olga|tverskaya|99999999999999999999")]
    [InlineData("nobody|tverskaya|639319842000000000")]
    [InlineData("olga|nowhere|639319842000000000")]
    [InlineData("|tverskaya|639319842000000000")]
    [InlineData("olga|tverskaya|639319842000000000|extra")]
    public void A_key_that_names_no_slot_of_this_business_is_refused(string? key)
    {
        Assert.Null(SlotKey.Parse(key, Salon.Services[0].Id, Salon));
    }

    [Fact]
    public void A_key_for_a_service_the_business_does_not_offer_is_refused()
    {
        Assert.Null(SlotKey.Parse("olga|tverskaya|639319842000000000", "no-such-service", Salon));
    }
}
