using System.Text.Json;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Schema;

public sealed class ActivityJsonTests
{
    public static TheoryData<string> Fixtures => new() { "webchat", "emulator", "msteams", "telegram", "facebook", "every-field" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Round_trip_of_a_real_channel_activity_loses_nothing(string channel)
    {
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Runtime", "Schema", "Fixtures", channel + ".json"));

        var activity = ProtocolJson.DeserializeActivity(original)!;
        var written = ProtocolJson.Serialize(activity);

        JsonAssert.Equal(original, written);
    }

    [Fact]
    public void Modelled_fields_are_typed_and_unknown_ones_are_kept_on_every_type()
    {
        const string json = """
            {"type":"message","id":"1","channelId":"webchat","futureField":{"a":[1,2]},
             "from":{"id":"u","name":"U","shoeSize":43},
             "conversation":{"id":"c","isGroup":false,"region":"eu"},
             "attachments":[{"contentType":"image/png","contentUrl":"https://x/y.png","blurHash":"LKO2"}],
             "entities":[{"type":"mention","mentioned":{"id":"b"},"text":"<at>b</at>"}]}
            """;

        var activity = ProtocolJson.DeserializeActivity(json)!;

        Assert.Equal("message", activity.Type);
        Assert.False(activity.Conversation!.IsGroup);
        Assert.Equal("[1,2]", activity.Properties!["futureField"].GetProperty("a").GetRawText());
        Assert.Equal(43, activity.From!.Properties!["shoeSize"].GetInt32());
        Assert.Equal("eu", activity.Conversation.Properties!["region"].GetString());
        Assert.Equal("LKO2", activity.Attachments![0].Properties!["blurHash"].GetString());
        Assert.Equal("<at>b</at>", activity.Entities![0].GetString("text"));
        Assert.Equal("b", activity.Entities[0].Properties["mentioned"].GetProperty("id").GetString());
    }

    [Fact]
    public void An_entity_changed_after_arrival_is_written_with_its_changes()
    {
        var activity = ProtocolJson.DeserializeActivity(Fixture("webchat"))!;
        var capabilities = activity.Entities![0];

        capabilities.Properties["supportsTts"] = JsonDocument.Parse("false").RootElement;
        capabilities.Properties.Remove("supportsListening");
        activity.Entities.Add(new Entity("mention") { Properties = { ["text"] = ProtocolJson.ToElement("<at>Staffono</at>") } });
        using var written = JsonDocument.Parse(ProtocolJson.Serialize(activity));

        var entities = written.RootElement.GetProperty("entities");
        JsonAssert.Equal("""{"type":"ClientCapabilities","requiresBotState":true,"supportsTts":false}""", entities[0].GetRawText());
        JsonAssert.Equal("""{"type":"mention","text":"<at>Staffono</at>"}""", entities[1].GetRawText());
        Assert.True(capabilities.Properties.ContainsKey("requiresBotState"));
    }

    [Fact]
    public void Every_modelled_field_is_typed_after_reading()
    {
        var activity = ProtocolJson.DeserializeActivity(Fixture("every-field"))!;

        Assert.Equal("urn:botframework:azure", activity.CallerId);
        Assert.Equal("Gone", activity.MembersRemoved!.Single().Name);
        Assert.Equal("heart", activity.ReactionsRemoved!.Single().Type);
        Assert.False(activity.HistoryDisclosed);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), activity.Expiration);
        Assert.Equal(["да", "нет"], activity.ListenFor!);
        Assert.Equal("a-9", activity.RelatesTo!.ActivityId);
        Assert.Equal("start", activity.SemanticAction!.State);
        Assert.Equal(1, activity.TextHighlights!.Single().Occurrence);
        Assert.Equal("t-1", activity.Conversation!.TenantId);
        Assert.Equal(15, activity.SuggestedActions!.Actions![1].Value!.Value.GetProperty("snooze").GetInt32());
        Assert.Equal(7, activity.Attachments![0].Properties!["futureAttachmentField"].GetInt32());
        Assert.True(activity.Value!.Value.GetProperty("confirmed").GetBoolean());
        Assert.Equal("t-1", activity.GetChannelDataString("tenant.id"));
    }

    [Fact]
    public void Channel_data_replaced_after_arrival_is_written_as_replaced()
    {
        var activity = ProtocolJson.DeserializeActivity(Fixture("telegram"))!;

        activity.ChannelData = JsonDocument.Parse("""{"method":"sendSticker","parameters":{"sticker":"CAAD"}}""").RootElement;

        using var written = JsonDocument.Parse(ProtocolJson.Serialize(activity));
        JsonAssert.Equal("""{"method":"sendSticker","parameters":{"sticker":"CAAD"}}""", written.RootElement.GetProperty("channelData").GetRawText());
    }

    [Fact]
    public void An_activity_inside_another_document_reads_the_same_as_on_its_own()
    {
        var original = Fixture("msteams");
        var wrapped = $$"""{"activities":[{{original}}]}""";

        var replies = JsonSerializer.Deserialize(wrapped, ProtocolJson.Context.ExpectedReplies)!;

        JsonAssert.Equal(original, ProtocolJson.Serialize(replies.Activities.Single()));
        Assert.Equal("mention", replies.Activities[0].Entities![0].Type);
    }

    [Theory]
    [InlineData("{\"type\":\"message\"} {}")]
    [InlineData("{\"type\":1}")]
    [InlineData("{\"type\":\"message\",\"entities\":{}}")]
    [InlineData("{\"type\":\"message\",\"from\":[]}")]
    public void Malformed_activities_are_refused_with_a_json_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ProtocolJson.DeserializeActivity(json));
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var activity = Activity.CreateMessage("hi");
        activity.ReplyToId = "7";

        var json = ProtocolJson.Serialize(activity);

        Assert.Equal("""{"type":"message","textFormat":"plain","text":"hi","replyToId":"7"}""", json);
    }

    [Fact]
    public void Timestamps_are_written_as_channels_write_them()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero),
            LocalTimestamp = new DateTimeOffset(2026, 11, 24, 12, 0, 0, 250, TimeSpan.FromHours(3)),
        };

        using var doc = JsonDocument.Parse(ProtocolJson.Serialize(activity));

        Assert.Equal("2026-11-24T09:00:00Z", doc.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("2026-11-24T12:00:00.25+03:00", doc.RootElement.GetProperty("localTimestamp").GetString());
    }

    [Fact]
    public void A_reply_goes_from_the_bot_to_the_user_in_the_same_conversation()
    {
        var incoming = ProtocolJson.DeserializeActivity(Fixture("msteams"))!;

        var reply = incoming.CreateReply("On it");

        Assert.Equal(incoming.Recipient!.Id, reply.From!.Id);
        Assert.Equal(RoleTypes.Bot, reply.From.Role);
        Assert.Equal(incoming.From!.Id, reply.Recipient!.Id);
        Assert.Equal(incoming.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(incoming.Conversation.TenantId, reply.Conversation.TenantId);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal(incoming.ServiceUrl, reply.ServiceUrl);
        Assert.Equal(TextFormats.Plain, reply.TextFormat);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", incoming.GetChannelDataString("tenant.id"));
    }

    [Fact]
    public void A_conversation_reference_survives_storage_and_addresses_a_proactive_message()
    {
        var incoming = ProtocolJson.DeserializeActivity(Fixture("telegram"))!;
        var stored = JsonSerializer.Serialize(incoming.GetConversationReference(), ProtocolJson.Context.ConversationReference);
        var reference = JsonSerializer.Deserialize(stored, ProtocolJson.Context.ConversationReference)!;

        var proactive = Activity.CreateMessage("Reminder").ApplyConversationReference(reference);

        Assert.Equal("StaffonoDemoBot", proactive.From!.Id);
        Assert.Equal("481516234", proactive.Recipient!.Id);
        Assert.Equal("481516234", proactive.Conversation!.Id);
        Assert.Equal("telegram", proactive.ChannelId);
        Assert.Equal("https://telegram.botframework.com/", proactive.ServiceUrl);
        Assert.Equal("4071", proactive.ReplyToId);
        Assert.Equal("ru", proactive.Locale);
    }

    [Fact]
    public void On_web_chat_a_reply_to_conversation_update_is_a_plain_send()
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = "abc|0000000",
            ChannelId = ChannelIds.Webchat,
            Conversation = new ConversationAccount("abc"),
            From = new ChannelAccount("u1"),
            Recipient = new ChannelAccount("bot"),
        };

        Assert.Null(update.GetConversationReference().ActivityId);
    }

    [Fact]
    public void Hero_cards_and_adaptive_cards_travel_as_attachments()
    {
        var hero = new HeroCard { Title = "Стрижка", Buttons = [CardAction.ImBack("Записаться")] }.ToAttachment();
        var adaptive = AdaptiveCards.ToAttachment("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Hi"}]}""");
        var activity = new Activity { Type = ActivityTypes.Message, Attachments = [hero, adaptive] };

        using var doc = JsonDocument.Parse(ProtocolJson.Serialize(activity));
        var attachments = doc.RootElement.GetProperty("attachments");

        Assert.Equal(HeroCard.ContentType, attachments[0].GetProperty("contentType").GetString());
        Assert.Equal("Записаться", attachments[0].GetProperty("content").GetProperty("buttons")[0].GetProperty("value").GetString());
        Assert.Equal("imBack", attachments[0].GetProperty("content").GetProperty("buttons")[0].GetProperty("type").GetString());
        Assert.Equal(AdaptiveCards.ContentType, attachments[1].GetProperty("contentType").GetString());
        Assert.Equal("1.5", attachments[1].GetProperty("content").GetProperty("version").GetString());
        Assert.Equal(new Version(1, 5), AdaptiveCards.GetVersion(adaptive.Content!.Value));
    }

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Runtime", "Schema", "Fixtures", name + ".json"));
}
