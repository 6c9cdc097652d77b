using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Staffono.Bot.Tests.Support;
using Staffono.Skills.Ai;
using Xunit;

namespace Staffono.Bot.Tests.Skills.Ai;

/// <summary>
/// The chat client every model call goes through (the OpenAI SDK's, as an IChatClient), against a
/// loopback server that speaks the chat-completions API: our options must reach the wire.
/// </summary>
public sealed class ChatClientFactoryTests : IAsyncLifetime
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
    public async Task Plain_json_asks_for_a_json_object_and_a_schema_for_a_strict_json_schema()
    {
        using var client = Client();
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}""");

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "answer"),
            AdditionalProperties = new AdditionalPropertiesDictionary { ["strict"] = true },
        });

        using var first = JsonDocument.Parse(_server.Requests.First().Body);
        using var second = JsonDocument.Parse(_server.Requests.Last().Body);
        Assert.Equal("json_object", first.RootElement.GetProperty("response_format").GetProperty("type").GetString());
        var format = second.RootElement.GetProperty("response_format");
        Assert.Equal(("json_schema", "answer", true), (format.GetProperty("type").GetString(), format.GetProperty("json_schema").GetProperty("name").GetString(), format.GetProperty("json_schema").GetProperty("strict").GetBoolean()));
        Assert.Equal("string", format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("a").GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_sdk_does_not_retry_a_failed_call_the_caller_decides_what_happens_next()
    {
        await using var failing = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("""{"error":{"message":"busy","type":"server_error"}}""");
        });
        using var client = ChatClientFactory.Create(new LlmOptions { Endpoint = new Uri(failing.BaseUri, "v1").ToString(), Model = "m", Timeout = TimeSpan.FromSeconds(30) });

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
        Assert.Single(failing.Requests);
    }

    [Fact]
    public async Task A_given_http_client_carries_the_requests()
    {
        using var http = new HttpClient(new MarkingHandler { InnerHandler = new HttpClientHandler() });
        using var client = Client(http);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("Здравствуйте", response.Text);
        Assert.Equal("yes", _server.Requests.Single().Headers["X-Through-Host-Client"]);
    }

    [Fact]
    public void Missing_settings_are_refused_with_what_is_missing()
    {
        Assert.Throws<ArgumentNullException>(() => ChatClientFactory.Create(null!));
        var missing = Assert.Throws<ArgumentException>(() => ChatClientFactory.Create(new LlmOptions { Endpoint = "http://127.0.0.1:1/v1" }));
        Assert.StartsWith("Llm:Endpoint and Llm:Model are required.", missing.Message, StringComparison.Ordinal);
    }

    private IChatClient Client(HttpClient? http = null) =>
        ChatClientFactory.Create(new LlmOptions { Endpoint = new Uri(_server.BaseUri, "v1").ToString(), Model = "test-model", ApiKey = "sk-test", Timeout = TimeSpan.FromSeconds(30) }, http);

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
