using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Staffono.Bot.DirectLine;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>
/// Direct Line is bounded: reads come in pages however long the history, a conversation's history has
/// a ceiling, clients are rate-limited with 429 + Retry-After, watermarks must be ones the service
/// issued, and a token is accepted only as the exact text that was issued.
/// </summary>
public sealed class DirectLineLimitsTests
{
    private const string Unlimited = "--DirectLine:PostsBurst=100000";
    private const string UnlimitedRate = "--DirectLine:PostsPerSecond=100000";

    [Fact]
    public async Task A_get_returns_one_page_and_following_the_watermark_reads_the_rest_once()
    {
        await using var host = await RunningHost.StartAsync(Unlimited, UnlimitedRate);
        var client = new DirectLineClient(host.Client);
        var (conversationId, token) = await StartedAsync(client);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(conversationId, token, "помощь", $"c{i}")).Status);
        }

        var pages = await ReadAllPagesAsync(client, conversationId, token);

        // The greeting, then an echo and an answer for each of the 60 posts.
        Assert.Equal([IDirectLineStore.MaxPageActivities, 21], pages.Select(p => p.Count));
        var ids = pages.SelectMany(p => p).Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(121, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_page_holds_about_a_megabyte_and_the_websocket_streams_a_long_history_in_bounded_frames()
    {
        await using var host = await RunningHost.StartAsync(Unlimited, UnlimitedRate);
        var client = new DirectLineClient(host.Client);
        var (conversationId, token) = await StartedAsync(client);
        var big = new string('x', 200 * 1024);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(conversationId, token, big, $"big{i}")).Status);
        }

        var (_, firstPage) = await client.GetActivitiesAsync(conversationId, token);
        var pages = await ReadAllPagesAsync(client, conversationId, token);
        // The greeting, the 8 posts and an answer to each, and one more: the third message the bot cannot
        // understand brings in a person ("I'm not understanding you" before the handoff's own message).
        var frames = await ReadStreamAsync(host, conversationId, token, expectedActivities: 18);

        Assert.InRange(firstPage.GetRawText().Length, 200 * 1024, IDirectLineStore.MaxPageBytes + 4096);
        Assert.True(pages.Count >= 2, "a history of 1.6 MB must take more than one page");
        Assert.Equal(18, pages.Sum(p => p.Count));
        Assert.True(frames.Count >= 2, "the stream must send the history in more than one frame");
        Assert.All(frames, f => Assert.True(f.Length <= IDirectLineStore.MaxPageBytes + 4096, $"a frame of {f.Length} bytes"));
    }

    [Fact]
    public async Task A_conversation_whose_history_is_full_refuses_more_posts_with_413()
    {
        await using var host = await RunningHost.StartAsync(Unlimited, UnlimitedRate, "--DirectLine:MaxHistoryBytes=1048576");
        var client = new DirectLineClient(host.Client);
        var (conversationId, token) = await StartedAsync(client);
        var big = new string('x', 250 * 1024);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsync(conversationId, token, big, $"big{i}")).Status);
        }

        var (refused, problem) = await client.PostAsync(conversationId, token, big, "one-more");
        var stored = (await ReadAllPagesAsync(client, conversationId, token)).SelectMany(p => p).Count(a => a.GetProperty("from").GetProperty("role").GetString() == "user");

        // Four posts of 250 KB and the bot's short replies fit in 1 MB; the fifth would cross it, and so does every later one.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge], statuses);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused);
        Assert.Contains("start a new conversation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), stored);
    }

    [Fact]
    public async Task Posting_faster_than_a_person_is_429_with_retry_after_and_nothing_is_stored()
    {
        await using var host = await RunningHost.StartAsync("--DirectLine:PostsBurst=5", "--DirectLine:PostsPerSecond=0.1");
        var client = new DirectLineClient(host.Client);
        var (conversationId, token) = await StartedAsync(client);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities")
            {
                Content = new StringContent($$"""{"type":"message","text":"привет {{i}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", token);
            responses.Add(await host.Client.SendAsync(request));
        }

        var echoes = (await ReadAllPagesAsync(client, conversationId, token)).SelectMany(p => p).Count(a => a.GetProperty("from").GetProperty("role").GetString() == "user");

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var tooMany = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(3, tooMany.Count);
        // One post per ten seconds: a refused post is told to come back in exactly that.
        Assert.All(tooMany, r => Assert.Equal("10", r.Headers.GetValues("Retry-After").Single()));
        Assert.Equal(5, echoes);
    }

    [Fact]
    public async Task New_conversations_are_limited_per_client_address_and_another_address_is_not_affected()
    {
        await using var host = await RunningHost.StartAsync("--DirectLine:NewConversationsBurst=3", "--DirectLine:NewConversationsPerMinute=0.5");
        using var other = ClientAddress.HttpClient("127.0.0.2", host.BaseUri);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await host.Client.PostAsync("v3/directline/tokens/generate", new StringContent("{}", Encoding.UTF8, "application/json")));
        }

        var fromElsewhere = await other.PostAsync("v3/directline/tokens/generate", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal("120", responses[^1].Headers.GetValues("Retry-After").Single());      // half a conversation a minute
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task A_server_holding_the_secret_starts_conversations_for_all_its_users_without_the_per_address_limit()
    {
        const string Secret = "token-server-secret-0123456789abcdef";
        await using var host = await RunningHost.StartAsync("--DirectLine:NewConversationsBurst=3", "--DirectLine:NewConversationsPerMinute=0.5", $"--DirectLine:Secret={Secret}");
        var client = new DirectLineClient(host.Client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await client.GenerateAsync(Secret, $"shop-customer-{i}")).Status);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Requests_of_any_kind_are_limited_per_client_address()
    {
        await using var host = await RunningHost.StartAsync("--DirectLine:RequestsBurst=4", "--DirectLine:RequestsPerSecond=0.5");
        using var other = ClientAddress.HttpClient("127.0.0.2", host.BaseUri);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await host.Client.PostAsync("v3/directline/tokens/refresh", null);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("2", last!.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Slow down: try again in 2 s.", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.PostAsync("v3/directline/tokens/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/")).StatusCode);     // the chat page itself is not Direct Line
    }

    [Fact]
    public async Task A_watermark_past_the_end_of_the_feed_is_400_on_get_reconnect_and_stream()
    {
        await using var host = await RunningHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        var (conversationId, token) = await StartedAsync(client);
        var (_, feed) = await client.GetActivitiesAsync(conversationId, token);
        var last = long.Parse(feed.GetProperty("watermark").GetString()!);

        var (atEnd, _) = await client.GetActivitiesAsync(conversationId, token, last.ToString());
        var (past, _) = await client.GetActivitiesAsync(conversationId, token, (last + 1).ToString());
        var (reconnect, _) = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}?watermark={last + 5}", token);
        using var socket = new ClientWebSocket();
        var stream = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(
            new Uri($"ws://{host.BaseUri.Authority}/v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}&watermark={last + 1}"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, atEnd);
        Assert.Equal(HttpStatusCode.BadRequest, past);
        Assert.Equal(HttpStatusCode.BadRequest, reconnect);
        Assert.Contains("400", stream.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_is_accepted_only_as_the_exact_text_issued()
    {
        await using var host = await RunningHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        var (conversationId, token) = await StartedAsync(client);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // The signature is 32 bytes: its 43rd base64url character carries two bits the bytes never use.
        var last = alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        var respelled = token[..^1] + alphabet[last ^ 1];

        var (genuine, _) = await client.GetActivitiesAsync(conversationId, token);
        var (other, _) = await client.GetActivitiesAsync(conversationId, respelled);

        Assert.NotEqual(token, respelled);
        Assert.Equal(Convert.FromBase64String(Pad(token[(token.IndexOf('.') + 1)..])), Convert.FromBase64String(Pad(respelled[(respelled.IndexOf('.') + 1)..])));
        Assert.Equal(HttpStatusCode.OK, genuine);
        Assert.Equal(HttpStatusCode.Forbidden, other);

        static string Pad(string text) => text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
    }

    private static async Task<(string ConversationId, string Token)> StartedAsync(DirectLineClient client)
    {
        var (conversationId, token) = await client.GenerateTokenAsync();
        await client.StartAsync(token);
        return (conversationId, token);
    }

    private static async Task<List<List<JsonElement>>> ReadAllPagesAsync(DirectLineClient client, string conversationId, string token)
    {
        var pages = new List<List<JsonElement>>();
        string? watermark = null;
        while (true)
        {
            var (status, page) = await client.GetActivitiesAsync(conversationId, token, watermark);
            Assert.Equal(HttpStatusCode.OK, status);
            var activities = page.GetProperty("activities").EnumerateArray().ToList();
            if (activities.Count == 0)
            {
                return pages;
            }

            pages.Add(activities);
            watermark = page.GetProperty("watermark").GetString();
        }
    }

    private static async Task<List<byte[]>> ReadStreamAsync(RunningHost host, string conversationId, string token, int expectedActivities)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.BaseUri.Authority}/v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}"), CancellationToken.None);
        var frames = new List<byte[]>();
        var seen = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen < expectedActivities)
        {
            using var frame = new MemoryStream();
            var buffer = new byte[64 * 1024];
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (frame.Length == 0)
            {
                continue;
            }

            frames.Add(frame.ToArray());
            using var set = JsonDocument.Parse(frame.ToArray());
            seen += set.RootElement.GetProperty("activities").GetArrayLength();
        }

        Assert.Equal(expectedActivities, seen);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        return frames;
    }
}
