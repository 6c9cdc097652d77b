using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Staffono.Bot.Tests.Support;
using Staffono.Runtime.Connector;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Runtime.Connector;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string ConversationId = "19:a1b2@thread.tacv2;messageid=17";
    private const string EscapedConversationId = "19%3Aa1b2%40thread.tacv2%3Bmessageid%3D17";
    private readonly HttpClient _http = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(async (context, request) =>
    {
        context.Response.ContentType = "application/json";
        var answer = (request.Method, request.RawTarget) switch
        {
            ("POST", "/v3/conversations") => """{"id":"new-conv","activityId":"a-0","serviceUrl":"https://smba.example/"}""",
            ("GET", _) => """[{"id":"29:user","name":"Olga"},{"id":"28:bot","name":"Staffono"}]""",
            ("DELETE", _) => "",
            _ => """{"id":"act-42"}""",
        };
        await context.Response.WriteAsync(answer);
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Each_operation_uses_the_exact_path_method_and_body_of_the_connector_api()
    {
        var client = new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance).Create(_server.BaseUri.ToString());
        var message = Outgoing("hello");
        message.ReplyToId = "act|1";

        var reply = await client.ReplyToActivityAsync(message);
        var sent = await client.SendToConversationAsync(Outgoing("second"));
        var update = Outgoing("edited");
        update.Id = "act-42";
        await client.UpdateActivityAsync(update);
        await client.DeleteActivityAsync(ConversationId, "act-42");
        var created = await client.CreateConversationAsync(new ConversationParameters
        {
            IsGroup = true,
            Bot = new ChannelAccount("28:bot"),
            TenantId = "tenant-1",
            Activity = Outgoing("handoff card"),
            ChannelData = JsonDocument.Parse("""{"channel":{"id":"19:ops@thread.tacv2"},"tenant":{"id":"tenant-1"}}""").RootElement,
        });
        var members = await client.GetConversationMembersAsync(ConversationId);

        var requests = _server.Requests.ToArray();
        Assert.Equal(
            [
                ("POST", $"/v3/conversations/{EscapedConversationId}/activities/act%7C1"),
                ("POST", $"/v3/conversations/{EscapedConversationId}/activities"),
                ("PUT", $"/v3/conversations/{EscapedConversationId}/activities/act-42"),
                ("DELETE", $"/v3/conversations/{EscapedConversationId}/activities/act-42"),
                ("POST", "/v3/conversations"),
                ("GET", $"/v3/conversations/{EscapedConversationId}/members"),
            ],
            requests.Select(r => (r.Method, r.RawTarget)));
        JsonAssert.Equal(ProtocolJson.Serialize(message), requests[0].Body);
        Assert.Equal("edited", JsonDocument.Parse(requests[2].Body).RootElement.GetProperty("text").GetString());
        Assert.Equal("", requests[3].Body);
        JsonAssert.Equal(
            """{"isGroup":true,"bot":{"id":"28:bot"},"tenantId":"tenant-1","activity":{"type":"message","textFormat":"plain","text":"handoff card","conversation":{"id":"19:a1b2@thread.tacv2;messageid=17"}},"channelData":{"channel":{"id":"19:ops@thread.tacv2"},"tenant":{"id":"tenant-1"}}}""",
            requests[4].Body);
        Assert.StartsWith("application/json", requests[0].ContentType);
        Assert.All(requests, r => Assert.Equal("", r.Authorization));
        Assert.Equal("act-42", reply.Id);
        Assert.Equal("act-42", sent.Id);
        Assert.Equal(("new-conv", "a-0"), (created.Id, created.ActivityId));
        Assert.Equal(["Olga", "Staffono"], members.Select(m => m.Name));
    }

    [Fact]
    public async Task A_service_url_with_a_path_keeps_it()
    {
        var client = new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance).Create(new Uri(_server.BaseUri, "teams").ToString());

        await client.SendToConversationAsync(Outgoing("hi"));

        Assert.Equal($"/teams/v3/conversations/{EscapedConversationId}/activities", _server.Requests.Single().RawTarget);
    }

    [Fact]
    public async Task The_bearer_token_of_the_provider_is_sent()
    {
        var client = new ConnectorClientFactory(_http, new FixedTokenProvider("tok-123")).Create(_server.BaseUri.ToString());

        await client.SendToConversationAsync(Outgoing("hi"));

        Assert.Equal("Bearer tok-123", _server.Requests.Single().Authorization);
    }

    [Fact]
    public void A_service_url_that_is_not_http_is_refused()
    {
        var factory = new ConnectorClientFactory(_http, AnonymousTokenProvider.Instance);

        Assert.Throws<ArgumentException>(() => factory.Create("file:///etc/passwd"));
        Assert.Throws<ArgumentException>(() => factory.Create("not a url"));
    }

    internal static Activity Outgoing(string text)
    {
        var activity = Activity.CreateMessage(text);
        activity.Conversation = new ConversationAccount(ConversationId);
        return activity;
    }

    private sealed class FixedTokenProvider(string token) : IAccessTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(token);
    }
}
