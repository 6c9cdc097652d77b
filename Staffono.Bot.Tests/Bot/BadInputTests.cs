using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Runtime.State;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// Whatever a client sends, the answer is never a 5xx: a malformed, mistyped or structurally incomplete
/// activity is a 4xx naming the field and the problem, on both the Bot Framework endpoint and Direct
/// Line, and nothing is stored and no turn runs for it.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Lone = "\\ud800";
    private RunningHost _host = null!;
    private DirectLineClient _directLine = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync();
        _directLine = new DirectLineClient(_host.Client);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// Members spliced into an otherwise valid message, and a word the refusal must name. "\xFF" stands
    /// for a raw 0xFF byte, which no JSON string literal in C# can carry, so it is put in as bytes.
    /// </summary>
    public static TheoryData<string, string> BadMembers => new()
    {
        { "\"timestamp\":5", "timestamp" },
        { "\"localTimestamp\":true", "localTimestamp" },
        { "\"expiration\":{\"at\":1}", "expiration" },
        { "\"timestamp\":\"yesterday-ish\"", "timestamp" },
        { "\"text\":5", "text" },
        { "\"text\":[\"a\"]", "text" },
        { $"\"text\":\"{Lone}\"", "text" },
        { $"\"text\":\"ok {Lone} ok\"", "text" },
        { "\"text\":\"\\udc00\\ud800\"", "text" },
        { "\"text\":\"\xFF\"", "text" },
        { "\"locale\":\"ru\xFF\"", "locale" },
        { $"\"id\":\"{Lone}\"", "id" },
        { $"\"replyToId\":\"{Lone}\"", "replyToId" },
        { "\"na\xFFme\":1", "member name" },
        { $"\"x{Lone}\":1", "member name" },
        { $"\"entities\":[{{\"type\":\"{Lone}\"}}]", "entities[0].type" },
        { "\"entities\":[{\"type\":\"mention\",\"text\":\"\xFF\"}]", "entities[0].text" },
        { "\"entities\":{\"type\":\"mention\"}", "entities" },
        { "\"entities\":[5]", "entities" },
        { $"\"channelData\":{{\"clientActivityID\":\"{Lone}\"}}", "channelData.clientActivityID" },
        { $"\"value\":{{\"deep\":[\"ok\",\"{Lone}\"]}}", "value.deep[1]" },
        { "\"attachments\":\"card\"", "attachments" },
        { "\"attachments\":[{\"contentType\":5}]", "attachments[0].contentType" },
        { "\"suggestedActions\":{\"actions\":7}", "suggestedActions" },
        { "\"suggestedActions\":{\"actions\":[{\"type\":\"imBack\",\"title\":{}}]}", "suggestedActions" },
        { "\"membersAdded\":[1]", "membersAdded" },
        { "\"membersAdded\":[{\"id\":\"u1\"},null]", "membersAdded[1]" },
        { "\"attachments\":[null]", "attachments[0]" },
        { "\"listenFor\":[\"yes\",null]", "listenFor[1]" },
        { "\"historyDisclosed\":\"yes\"", "historyDisclosed" },
        { "\"listenFor\":[1]", "listenFor" },
        { "\"relatesTo\":\"c\"", "relatesTo" },
    };

    [Theory]
    [MemberData(nameof(BadMembers))]
    public async Task The_bot_endpoint_answers_400_naming_the_field_and_runs_no_turn(string member, string field)
    {
        var conversation = "c-" + Guid.NewGuid().ToString("N");
        var body = Message(conversation, member);

        var response = await PostMessagesAsync(body);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(await _host.Services.GetRequiredService<IStorage>().ReadAsync([$"emulator/conversations/{conversation}"]));
    }

    [Theory]
    [MemberData(nameof(BadMembers))]
    public async Task Direct_line_answers_400_naming_the_field_and_stores_nothing(string member, string field)
    {
        var (conversationId, token) = await _directLine.GenerateTokenAsync();
        await _directLine.StartAsync(token);
        var (_, before) = await _directLine.GetActivitiesAsync(conversationId, token);

        var response = await PostDirectLineAsync(conversationId, token, Bytes($"{{\"type\":\"message\",{member}}}"));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
        var (_, after) = await _directLine.GetActivitiesAsync(conversationId, token);
        Assert.Equal(before.GetProperty("activities").GetArrayLength(), after.GetProperty("activities").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"type":"message","text":"hi","channelId":"emulator","conversation":{"id":"c"},"deliveryMode":"expectReplies"}""", "from.id")]
    [InlineData("""{"type":"message","text":"hi","channelId":"emulator","from":{},"conversation":{"id":"c"},"deliveryMode":"expectReplies"}""", "from.id")]
    [InlineData("""{"type":"message","text":"hi","channelId":"emulator","from":{"id":"  "},"conversation":{"id":"c"},"deliveryMode":"expectReplies"}""", "from.id")]
    [InlineData("""{"type":"message","text":"hi","from":{"id":"u"},"conversation":{"id":"c"},"deliveryMode":"expectReplies"}""", "channelId")]
    [InlineData("""{"type":"message","text":"hi","channelId":"emulator","from":{"id":"u"},"deliveryMode":"expectReplies"}""", "conversation.id")]
    [InlineData("""{"type":"message","text":"hi","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"}}""", "serviceUrl")]
    [InlineData("""{"type":"invoke","channelId":"emulator","conversation":{"id":"c"},"deliveryMode":"expectReplies"}""", "from.id")]
    [InlineData("""{"text":"hi"}""", "no type")]
    [InlineData("""[{"type":"message"}]""", "must be a JSON object")]
    [InlineData("""{"type":"message","text":"hi",}""", "not a valid activity")]
    [InlineData("""{"type":"message"} {"type":"message"}""", "not a valid activity")]
    [InlineData("null", "null")]
    public async Task The_bot_endpoint_refuses_what_cannot_be_a_turn_before_running_one(string body, string reason)
    {
        var response = await PostMessagesAsync(Bytes(body));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, reason);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_parser_allows_is_400_not_a_crash()
    {
        var deep = new string('[', 2000) + new string(']', 2000);

        var messages = await PostMessagesAsync(Bytes($$"""{"type":"message","value":{{deep}},"channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"deliveryMode":"expectReplies"}"""));
        var (conversationId, token) = await _directLine.GenerateTokenAsync();
        await _directLine.StartAsync(token);
        var directLine = await PostDirectLineAsync(conversationId, token, Bytes($$"""{"type":"message","value":{{deep}}}"""));

        await AssertRefusedAsync(messages, HttpStatusCode.BadRequest, "depth");
        await AssertRefusedAsync(directLine, HttpStatusCode.BadRequest, "depth");
    }

    [Fact]
    public async Task A_well_formed_surrogate_pair_and_unknown_fields_are_accepted_as_they_are()
    {
        var conversation = "c-" + Guid.NewGuid().ToString("N");

        var response = await PostMessagesAsync(Message(conversation, "\"text\":\"\\ud83d\\ude00 привет\",\"futureField\":{\"x\":\"\\u00e9\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var replies = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(replies.RootElement.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task An_invoke_nobody_handles_is_501_with_a_body_that_says_so()
    {
        var response = await PostMessagesAsync(Bytes("""
            {"type":"invoke","name":"composeExtension/query","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"deliveryMode":"expectReplies","value":{}}
            """));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NotImplemented", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("composeExtension/query", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"user\":{\"id\":5}}")]
    [InlineData("{\"user\":{\"id\":\"\\ud800\"}}")]
    [InlineData("{\"user\":{\"id\":\"\xFF\"}}")]
    [InlineData("{\"locale\":[1]}")]
    [InlineData("{\"user\":")]
    public async Task Direct_line_token_and_start_requests_with_bad_bodies_are_400(string body)
    {
        var generate = await _host.Client.PostAsync("v3/directline/tokens/generate", Json(Bytes(body)));
        var (_, token) = await _directLine.GenerateTokenAsync();
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations") { Content = Json(Bytes(body)) };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = await _host.Client.SendAsync(start);

        Assert.Equal(HttpStatusCode.BadRequest, generate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, started.StatusCode);
    }

    private static byte[] Message(string conversation, string member) =>
        Bytes($$"""{"type":"message","channelId":"emulator","from":{"id":"u1"},"recipient":{"id":"bot"},"conversation":{"id":"{{conversation}}"},"deliveryMode":"expectReplies",{{member}}}""");

    /// <summary>UTF-8 of the text, with each U+00FF turned into the raw byte 0xFF (invalid in UTF-8).</summary>
    private static byte[] Bytes(string text)
    {
        var parts = text.Split('\xFF');
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes.Add(0xFF);
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }

        return bytes.ToArray();
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private Task<HttpResponseMessage> PostMessagesAsync(byte[] body) => _host.Client.PostAsync("api/messages", Json(body));

    private async Task<HttpResponseMessage> PostDirectLineAsync(string conversationId, string token, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _host.Client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
