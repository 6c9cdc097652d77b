using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Adapter;

public sealed class ChannelAdapterTests : IDisposable
{
    private readonly AdapterHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Expect_replies_returns_every_reply_of_the_turn_in_order()
    {
        var bot = new DelegateBot(async (turn, ct) =>
        {
            await turn.SendTypingAsync(ct);
            await turn.SendActivityAsync("one", ct);
            await turn.SendActivitiesAsync([Activity.CreateMessage("two"), Activity.CreateMessage("three")], ct);
        });
        var incoming = AdapterHarness.Message("hi");

        var result = await _harness.SendAsync(incoming, bot);

        Assert.Equal(200, result.Status);
        var replies = AdapterHarness.Replies(result);
        Assert.Equal([ActivityTypes.Typing, "one", "two", "three"], replies.Select(r => r.Type == ActivityTypes.Typing ? r.Type : r.Text));
        Assert.All(replies, r =>
        {
            Assert.Equal("staffono", r.From!.Id);
            Assert.Equal("user-1", r.Recipient!.Id);
            Assert.Equal("conv-1", r.Conversation!.Id);
            Assert.Equal(incoming.Id, r.ReplyToId);
        });
    }

    [Fact]
    public async Task On_send_hooks_see_and_can_change_outgoing_activities()
    {
        var seen = new List<string?>();
        var bot = new DelegateBot(async (turn, ct) =>
        {
            turn.OnSendActivities(async (_, activities, next) =>
            {
                seen.AddRange(activities.Select(a => a.Text));
                activities.ForEach(a => a.Text = a.Text?.ToUpperInvariant());
                return await next();
            });
            await turn.SendActivityAsync("hello", ct);
        });

        var result = await _harness.SendAsync(AdapterHarness.Message("hi"), bot);

        Assert.Equal(["hello"], seen);
        Assert.Equal("HELLO", AdapterHarness.Replies(result).Single().Text);
    }

    [Fact]
    public async Task An_invoke_answers_with_the_status_and_body_the_bot_set()
    {
        var bot = new DelegateBot((turn, _) =>
        {
            turn.InvokeResponse = new InvokeResponse(200, JsonDocument.Parse("""{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{"type":"AdaptiveCard"}}""").RootElement);
            return Task.CompletedTask;
        });
        var invoke = AdapterHarness.Message("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        invoke.DeliveryMode = null;
        invoke.ServiceUrl = "https://smba.trafficmanager.net/emea/";

        var result = await _harness.SendAsync(invoke, bot);

        Assert.Equal(200, result.Status);
        JsonAssert.Equal("""{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{"type":"AdaptiveCard"}}""", System.Text.Encoding.UTF8.GetString(result.JsonBody!));
    }

    [Fact]
    public async Task An_invoke_nobody_handles_is_501()
    {
        var invoke = AdapterHarness.Message("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "composeExtension/query";

        var result = await _harness.SendAsync(invoke, new DelegateBot((_, _) => Task.CompletedTask));

        Assert.Equal(501, result.Status);
        JsonAssert.Equal("""{"error":{"code":"NotImplemented","message":"This bot does not handle the invoke 'composeExtension/query'."}}""", System.Text.Encoding.UTF8.GetString(result.JsonBody!));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"type\":\"message\",", "not a valid activity")]
    [InlineData("[1,2]", "not a valid activity")]
    [InlineData("null", "null")]
    [InlineData("""{"text":"hi","conversation":{"id":"c"},"serviceUrl":"https://x/"}""", "no type")]
    [InlineData("""{"type":"message","text":"hi","channelId":"webchat","from":{"id":"u"},"serviceUrl":"https://x/"}""", "no conversation.id")]
    [InlineData("""{"type":"message","text":"hi","channelId":"webchat","from":{"id":"u"},"conversation":{},"serviceUrl":"https://x/"}""", "no conversation.id")]
    [InlineData("""{"type":"message","text":"hi","channelId":"webchat","conversation":{"id":"c"},"serviceUrl":"https://x/"}""", "no from.id")]
    [InlineData("""{"type":"message","text":"hi","channelId":"webchat","from":{"name":"Anna"},"conversation":{"id":"c"},"deliveryMode":"expectReplies"}""", "no from.id")]
    [InlineData("""{"type":"message","text":"hi","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"https://x/"}""", "no channelId")]
    [InlineData("""{"type":"message","text":"hi","channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"}}""", "serviceUrl")]
    [InlineData("""{"type":"message","text":"hi","channelId":"webchat","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"javascript:alert(1)"}""", "serviceUrl")]
    public async Task Bad_input_is_a_400_with_a_reason_no_turn_and_nothing_stored(string body, string reason)
    {
        var bot = new DelegateBot((turn, ct) => turn.SendActivityAsync("should not happen", ct));

        var result = await _harness.SendRawAsync(body, bot);

        Assert.Equal(400, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, bot.Turns);
        Assert.Equal((0, 0), (_harness.Storage.Reads, _harness.Storage.Writes));
    }

    [Fact]
    public async Task An_unknown_activity_type_is_acknowledged_and_ignored()
    {
        var bot = new DelegateBot((_, _) => Task.CompletedTask);

        var result = await _harness.SendRawAsync("""{"type":"holographicHandshake","conversation":{"id":"c"}}""", bot);

        Assert.Equal(200, result.Status);
        Assert.Null(result.JsonBody);
        Assert.Equal(0, bot.Turns);
    }

    [Fact]
    public async Task Without_expect_replies_replies_go_through_the_connector_to_the_service_url()
    {
        await using var channel = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsync("""{"id":"sent"}"""));
        var bot = new DelegateBot(async (turn, ct) => await turn.SendActivityAsync("Hello!", ct));
        var message = AdapterHarness.Message("hi", serviceUrl: channel.BaseUri.ToString());
        message.Id = "m1";
        var update = AdapterHarness.Message("", conversation: "conv-2", serviceUrl: channel.BaseUri.ToString());
        update.Type = ActivityTypes.ConversationUpdate;
        update.Id = "conv-2|0000000";
        update.MembersAdded = [new ChannelAccount("user-1")];

        var r1 = await _harness.SendAsync(message, bot);
        var r2 = await _harness.SendAsync(update, bot);

        Assert.Equal((200, 200), (r1.Status, r2.Status));
        Assert.Null(r1.JsonBody);
        var requests = channel.Requests.ToArray();
        Assert.Equal("/v3/conversations/conv-1/activities/m1", requests[0].RawTarget);
        Assert.Equal("/v3/conversations/conv-2/activities", requests[1].RawTarget);
        Assert.Equal("Hello!", JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_proactive_turn_sends_into_the_referenced_conversation()
    {
        await using var channel = await LoopbackServer.StartAsync(async (context, _) => await context.Response.WriteAsync("""{"id":"p1"}"""));
        var incoming = AdapterHarness.Message("book me", serviceUrl: channel.BaseUri.ToString());
        incoming.ChannelId = ChannelIds.Telegram;
        var reference = incoming.GetConversationReference();
        reference.ActivityId = null;

        await _harness.Adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync("Reminder: tomorrow at 11:00", ct));

        var request = channel.Requests.Single();
        Assert.Equal("/v3/conversations/conv-1/activities", request.RawTarget);
        var sent = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("Reminder: tomorrow at 11:00", sent.GetProperty("text").GetString());
        Assert.Equal("user-1", sent.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("staffono", sent.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("telegram", sent.GetProperty("channelId").GetString());
    }
}
