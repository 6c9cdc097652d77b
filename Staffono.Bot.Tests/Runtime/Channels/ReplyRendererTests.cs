using System.Text;
using System.Text.Json;
using Staffono.Runtime.Channels;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Channels;

public sealed class ReplyRendererTests
{
    private static readonly LogicalReply FiveServices = new("Какая услуга нужна?")
    {
        Choices =
        [
            new("Стрижка"),
            new("Окрашивание"),
            new("Маникюр с покрытием гель-лак"),
            new("Педикюр"),
            new("Укладка"),
        ],
    };

    private static readonly JsonElement Card = JsonDocument.Parse(
        """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Выберите время"}],"actions":[{"type":"Action.Submit","title":"11:00","data":{"slot":"11:00"}}]}""").RootElement;

    [Fact]
    public void Web_chat_shows_five_choices_as_suggested_actions()
    {
        var activity = ReplyRenderer.Render(FiveServices, "webchat").Single();

        Assert.Equal("Какая услуга нужна?", activity.Text);
        Assert.Null(activity.Attachments);
        Assert.Equal(FiveServices.Choices.Select(c => c.Title), activity.SuggestedActions!.Actions!.Select(a => a.Title));
        Assert.All(activity.SuggestedActions.Actions!, a => Assert.Equal(ActionTypes.ImBack, a.Type));
        Assert.Equal(InputHints.ExpectingInput, activity.InputHint);
    }

    [Fact]
    public void Teams_takes_at_most_three_suggested_actions_so_five_choices_become_a_hero_card()
    {
        var activity = ReplyRenderer.Render(FiveServices, "msteams").Single();

        Assert.Null(activity.SuggestedActions);
        var attachment = activity.Attachments!.Single();
        Assert.Equal(HeroCard.ContentType, attachment.ContentType);
        var buttons = attachment.Content!.Value.GetProperty("buttons");
        Assert.Equal(5, buttons.GetArrayLength());
        Assert.Equal("Маникюр с покрытием гель-лак", buttons[2].GetProperty("value").GetString());
    }

    [Fact]
    public void Teams_shows_three_choices_as_suggested_actions()
    {
        var reply = FiveServices with { Choices = FiveServices.Choices.Take(3).ToList() };

        var activity = ReplyRenderer.Render(reply, "msteams").Single();

        Assert.Equal(3, activity.SuggestedActions!.Actions!.Count);
        Assert.Null(activity.Attachments);
    }

    [Fact]
    public void Telegram_shows_five_choices_as_suggested_actions()
    {
        var activity = ReplyRenderer.Render(FiveServices, "telegram").Single();

        Assert.Equal(5, activity.SuggestedActions!.Actions!.Count);
        Assert.Null(activity.Attachments);
    }

    [Fact]
    public void Facebook_quick_replies_keep_titles_within_20_characters_and_values_whole()
    {
        var activity = ReplyRenderer.Render(FiveServices, "facebook").Single();

        var actions = activity.SuggestedActions!.Actions!;
        Assert.Equal(5, actions.Count);
        Assert.All(actions, a => Assert.True(a.Title!.Length <= 20, a.Title));
        Assert.Equal("Маникюр с покрытием…", actions[2].Title);
        Assert.Equal("Маникюр с покрытием гель-лак", actions[2].Value!.Value.GetString());
    }

    [Fact]
    public void More_choices_than_a_channel_can_show_become_a_numbered_list()
    {
        var twelve = new LogicalReply("Pick a time") { Choices = Enumerable.Range(8, 12).Select(h => new ReplyChoice($"{h}:00")).ToList() };

        var facebook = ReplyRenderer.Render(twelve, "facebook").Single();
        var teams = ReplyRenderer.Render(twelve with { Choices = twelve.Choices.Take(7).ToList() }, "msteams").Single();

        Assert.Null(facebook.SuggestedActions);
        Assert.Null(facebook.Attachments);
        Assert.StartsWith("Pick a time\n1. 8:00\n2. 9:00\n", facebook.Text);
        Assert.EndsWith("\n12. 19:00", facebook.Text);
        Assert.EndsWith("\n7. 14:00", teams.Text);
    }

    [Fact]
    public void Adaptive_cards_go_where_they_render_and_degrade_to_hero_card_then_text_elsewhere()
    {
        var reply = new LogicalReply("Выберите время") { AdaptiveCard = Card, Choices = [new("11:00"), new("16:30")] };

        var webchat = ReplyRenderer.Render(reply, "webchat").Single();
        var teams = ReplyRenderer.Render(reply, "msteams").Single();
        var telegram = ReplyRenderer.Render(reply, "telegram").Single();
        var facebook = ReplyRenderer.Render(reply with { Choices = [new("10:00"), new("11:00"), new("12:00"), new("13:00")] }, "facebook").Single();

        Assert.Equal(AdaptiveCards.ContentType, webchat.Attachments!.Single().ContentType);
        Assert.Equal(AdaptiveCards.ContentType, teams.Attachments!.Single().ContentType);
        Assert.Null(teams.SuggestedActions);
        Assert.Equal(HeroCard.ContentType, telegram.Attachments!.Single().ContentType);
        Assert.Null(facebook.Attachments);
        Assert.EndsWith("\n4. 13:00", facebook.Text);
    }

    [Fact]
    public void A_card_newer_than_teams_supports_falls_back_to_a_hero_card()
    {
        var newer = JsonDocument.Parse("""{"type":"AdaptiveCard","version":"1.6","body":[]}""").RootElement;

        var activity = ReplyRenderer.Render(new LogicalReply("Choose") { AdaptiveCard = newer, Choices = [new("A"), new("B")] }, "msteams").Single();

        Assert.Equal(HeroCard.ContentType, activity.Attachments!.Single().ContentType);
    }

    [Fact]
    public void A_6000_character_text_on_telegram_becomes_two_messages_with_the_choices_on_the_last()
    {
        var text = new StringBuilder();
        var sentence = 0;
        while (text.Length < 6000)
        {
            text.Append("Предложение номер ").Append(sentence++).Append(" о наших услугах. ");
        }

        var full = text.ToString(0, 6000).TrimEnd();
        var activities = ReplyRenderer.Render(new LogicalReply(full) { Choices = [new("Да"), new("Нет")] }, "telegram");

        Assert.Equal(2, activities.Count);
        Assert.All(activities, a => Assert.InRange(a.Text!.Length, 1, 4096));
        Assert.Equal(full, activities[0].Text + " " + activities[1].Text);
        Assert.Null(activities[0].SuggestedActions);
        Assert.Equal(2, activities[1].SuggestedActions!.Actions!.Count);
    }

    [Fact]
    public void Text_within_the_limit_and_channels_without_one_are_not_split()
    {
        var long6000 = new string('а', 6000);

        Assert.Single(ReplyRenderer.Render(new LogicalReply(long6000), "webchat"));
        Assert.Single(ReplyRenderer.Render(new LogicalReply(new string('b', 4096)), "telegram"));
        Assert.Equal([4096, 1904], ReplyRenderer.Render(new LogicalReply(long6000), "telegram").Select(a => a.Text!.Length));
    }

    [Fact]
    public void A_split_never_cuts_an_emoji_in_half()
    {
        var text = new string('x', 4095) + "😀" + "tail";

        var parts = ReplyRenderer.Render(new LogicalReply(text), "telegram");

        Assert.Equal(new string('x', 4095), parts[0].Text);
        Assert.Equal("😀tail", parts[1].Text);
    }
}
