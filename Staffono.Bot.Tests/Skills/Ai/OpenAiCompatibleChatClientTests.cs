using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Ai;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Ai;

/// <summary>The chat client every model call goes through, against a loopback server that speaks the chat-completions API.</summary>
public sealed class OpenAiCompatibleChatClientTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(async (context, _) =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""
            {"id":"chatcmpl-9","object":"chat.completion","created":1764000000,"model":"served-model",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Здравствуйте"},"finish_reason":"stop"}]}
            """);
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Each_role_goes_as_its_own_kind_of_message_with_temperature_and_token_limit()
    {
        using var client = Client();

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "rules"), new ChatMessage(ChatRole.User, "hi"), new ChatMessage(ChatRole.Assistant, "hello"), new ChatMessage(ChatRole.User, "again")],
            new ChatOptions { Temperature = 0.4f, MaxOutputTokens = 77 });

        Assert.Equal(("Здравствуйте", "served-model", "chatcmpl-9"), (response.Text, response.ModelId, response.ResponseId));
        using var body = JsonDocument.Parse(_server.Requests.Single().Body);
        var messages = body.RootElement.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())).ToList();
        Assert.Equal([("system", "rules"), ("user", "hi"), ("assistant", "hello"), ("user", "again")], messages);
        Assert.Equal(0.4, body.RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(77, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("response_format", out _));
    }

    [Fact]
    public async Task Without_options_the_temperature_is_zero_and_plain_json_asks_for_a_json_object()
    {
        using var client = Client();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        using var first = JsonDocument.Parse(_server.Requests.First().Body);
        using var second = JsonDocument.Parse(_server.Requests.Last().Body);
        Assert.Equal(0, first.RootElement.GetProperty("temperature").GetDouble());
        Assert.False(first.RootElement.TryGetProperty("max_completion_tokens", out _));
        Assert.Equal("json_object", second.RootElement.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_given_http_client_carries_the_requests_and_streaming_gives_the_whole_answer_at_once()
    {
        using var http = new HttpClient(new MarkingHandler { InnerHandler = new HttpClientHandler() });
        using var client = Client(http);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            updates.Add(update);
        }

        Assert.Equal("Здравствуйте", Assert.Single(updates).Text);
        Assert.Equal(ChatRole.Assistant, updates[0].Role);
        Assert.Equal("yes", _server.Requests.Single().Headers["X-Through-Host-Client"]);
    }

    [Fact]
    public void It_offers_itself_as_a_service_and_nothing_else_and_refuses_missing_settings()
    {
        using var client = Client();

        Assert.Same(client, client.GetService(typeof(IChatClient)));
        Assert.Null(client.GetService(typeof(IChatClient), "keyed"));
        Assert.Null(client.GetService(typeof(string)));
        Assert.Throws<ArgumentNullException>(() => new OpenAiCompatibleChatClient(null!));
        var missing = Assert.Throws<ArgumentException>(() => new OpenAiCompatibleChatClient(new LlmOptions { Endpoint = "http://127.0.0.1:1/v1" }));
        Assert.StartsWith("Llm:Endpoint and Llm:Model are required.", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_messages_at_all_is_a_programming_error()
    {
        using var client = Client();

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetResponseAsync((IEnumerable<ChatMessage>)null!));
    }

    private OpenAiCompatibleChatClient Client(HttpClient? http = null) =>
        new(new LlmOptions { Endpoint = new Uri(_server.BaseUri, "v1").ToString(), Model = "test-model", ApiKey = "sk-test", Timeout = TimeSpan.FromSeconds(30) }, http);

    /// <summary>Marks requests, so the test sees they went through the client the host gave.</summary>
    private sealed class MarkingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Through-Host-Client", "yes");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
