using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

public sealed class DirectLineTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private RunningHost _host = null!;
    private DirectLineClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock), "--Outbox:Dispatch=false");
        _client = new DirectLineClient(_host.Client);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Start_greets_and_a_post_is_echoed_with_its_client_id_and_answered()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();

        var (status, started) = await _client.StartAsync(token);
        var (_, greeting) = await _client.GetActivitiesAsync(conversationId, token);
        var (postStatus, posted) = await _client.PostAsync(conversationId, token, "привет", "client-1");
        var (_, after) = await _client.GetActivitiesAsync(conversationId, token, greeting.GetProperty("watermark").GetString());

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(conversationId, started.GetProperty("conversationId").GetString());
        Assert.StartsWith($"ws://{_host.BaseUri.Authority}/v3/directline/conversations/{conversationId}/stream?t=", started.GetProperty("streamUrl").GetString());
        var hello = Assert.Single(greeting.GetProperty("activities").EnumerateArray());
        Assert.Equal("bot", hello.GetProperty("from").GetProperty("role").GetString());
        Assert.StartsWith("Здравствуйте! Я Staffono", hello.GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.OK, postStatus);
        var feed = after.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(2, feed.Count);
        var echo = feed[0];
        Assert.Equal(posted.GetProperty("id").GetString(), echo.GetProperty("id").GetString());
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("привет", echo.GetProperty("text").GetString());
        Assert.Equal("bot", feed[1].GetProperty("from").GetProperty("role").GetString());
        Assert.StartsWith("Здравствуйте", feed[1].GetProperty("text").GetString());
        Assert.Equal(6, feed[1].GetProperty("suggestedActions").GetProperty("actions").GetArrayLength());
    }

    [Fact]
    public async Task Starting_again_with_the_same_token_is_200_and_does_not_greet_twice()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        var (again, _) = await _client.StartAsync(token);
        var (_, feed) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Single(feed.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task Replaying_from_any_watermark_loses_nothing_and_duplicates_nothing()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);
        foreach (var text in new[] { "привет", "помощь", "что-то непонятное" })
        {
            await _client.PostAsync(conversationId, token, text, Guid.NewGuid().ToString("N"));
        }

        var (_, whole) = await _client.GetActivitiesAsync(conversationId, token);
        var ids = whole.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        var last = long.Parse(whole.GetProperty("watermark").GetString()!);

        Assert.Equal(7, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        for (var watermark = 0L; watermark <= last; watermark++)
        {
            var (_, part) = await _client.GetActivitiesAsync(conversationId, token, watermark.ToString());
            var partIds = part.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
            Assert.Equal(ids.Skip((int)watermark), partIds);
            Assert.Equal(last.ToString(), part.GetProperty("watermark").GetString());
        }
    }

    [Fact]
    public async Task A_token_opens_only_its_own_conversation()
    {
        var (a, tokenA) = await _client.GenerateTokenAsync();
        var (b, tokenB) = await _client.GenerateTokenAsync();
        await _client.StartAsync(tokenA);
        await _client.StartAsync(tokenB);

        var (read, _) = await _client.GetActivitiesAsync(b, tokenA);
        var (post, _) = await _client.PostAsync(b, tokenA, "hi", "x");
        var (reconnect, _) = await _client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{b}", tokenA);
        var (own, _) = await _client.GetActivitiesAsync(a, tokenA);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (read, post, reconnect));
        Assert.Equal(HttpStatusCode.OK, own);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_a_refreshed_one_keeps_the_conversation()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);
        _clock.Advance(TimeSpan.FromMinutes(45));
        var (refreshStatus, refreshed) = await _client.RefreshAsync(token);
        var fresh = refreshed.GetProperty("token").GetString()!;
        _clock.Advance(TimeSpan.FromMinutes(20));

        var (expiredRead, problem) = await _client.GetActivitiesAsync(conversationId, token);
        var (expiredRefresh, _) = await _client.RefreshAsync(token);
        var (freshRead, feed) = await _client.GetActivitiesAsync(conversationId, fresh);

        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.Equal(conversationId, refreshed.GetProperty("conversationId").GetString());
        Assert.Equal(3600, refreshed.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, expiredRead);
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, expiredRefresh);
        Assert.Equal(HttpStatusCode.OK, freshRead);
        Assert.Single(feed.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task A_forged_or_missing_token_is_refused()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetActivitiesAsync(conversationId, forged)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetActivitiesAsync(conversationId, null!)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.GetActivitiesAsync(conversationId, "not-a-token")).Status);
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"text":"no type"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message","text":"hi"}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_posts_are_4xx_and_nothing_is_added_to_the_feed(string body, string contentType, HttpStatusCode expected)
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        var (status, problem) = await _client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, new StringContent(body, Encoding.UTF8, contentType));
        var (_, feed) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Single(feed.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task An_activity_over_256_kb_is_413_and_not_added()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);
        var huge = "{\"type\":\"message\",\"text\":\"" + new string('x', 300 * 1024) + "\"}";

        var (status, _) = await _client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, new StringContent(huge, Encoding.UTF8, "application/json"));
        var (_, feed) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Single(feed.GetProperty("activities").EnumerateArray());
    }

    [Fact]
    public async Task Posting_to_a_conversation_that_was_never_started_is_404()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();

        var (status, _) = await _client.PostAsync(conversationId, token, "hi", "x");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_watermark_the_service_never_gave_is_400()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetActivitiesAsync(conversationId, token, "abc")).Status);
    }

    [Fact]
    public async Task The_websocket_sends_the_backlog_then_each_new_activity_and_keep_alives_when_quiet()
    {
        var quietWaits = new SemaphoreSlim(0);
        _clock.TimerCreated += due =>
        {
            if (due == TimeSpan.FromSeconds(15))
            {
                quietWaits.Release();
            }
        };
        var (conversationId, token) = await _client.GenerateTokenAsync();
        var (_, started) = await _client.StartAsync(token);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(started.GetProperty("streamUrl").GetString()!), CancellationToken.None);

        var backlog = await ReceiveAsync(socket);
        Assert.Single(backlog.GetProperty("activities").EnumerateArray());
        Assert.Equal("1", backlog.GetProperty("watermark").GetString());

        await _client.PostAsync(conversationId, token, "помощь", "client-ws");
        var seen = new List<JsonElement>();
        while (seen.Count < 2)
        {
            seen.AddRange((await ReceiveAsync(socket)).GetProperty("activities").EnumerateArray());
        }

        Assert.Equal("client-ws", seen[0].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("Вот что я умею (часть — совсем скоро):", seen[1].GetProperty("text").GetString());

        // The stream goes quiet (it starts a 15 s keep-alive wait); moving the clock past it must produce an empty frame.
        var keepAlive = ReceiveRawAsync(socket);
        while (!keepAlive.IsCompleted)
        {
            var quiet = quietWaits.WaitAsync(TimeSpan.FromSeconds(10));
            if (await Task.WhenAny(keepAlive, quiet) == keepAlive)
            {
                break;
            }

            Assert.True(await quiet, "the stream never started waiting");
            _clock.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Empty(await keepAlive.WaitAsync(TimeSpan.FromSeconds(10)));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task A_websocket_for_another_conversation_is_refused()
    {
        var (_, tokenA) = await _client.GenerateTokenAsync();
        var (b, tokenB) = await _client.GenerateTokenAsync();
        await _client.StartAsync(tokenA);
        await _client.StartAsync(tokenB);
        using var socket = new ClientWebSocket();

        var refused = await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://{_host.BaseUri.Authority}/v3/directline/conversations/{b}/stream?t={Uri.EscapeDataString(tokenA)}"), CancellationToken.None));

        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task A_restarted_host_on_the_same_data_folder_keeps_the_conversation_and_its_tokens()
    {
        using var folder = new TempFolder();
        string conversationId, token;
        await using (var first = await RunningHost.StartAsync(folder.Path, configureServices: null))
        {
            var client = new DirectLineClient(first.Client);
            (conversationId, token) = await client.GenerateTokenAsync();
            await client.StartAsync(token);
            await client.PostAsync(conversationId, token, "привет", "before-restart");
        }

        await using var second = await RunningHost.StartAsync(folder.Path, configureServices: null);
        var again = new DirectLineClient(second.Client);
        var (status, feed) = await again.GetActivitiesAsync(conversationId, token);
        var (postStatus, _) = await again.PostAsync(conversationId, token, "помощь", "after-restart");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, feed.GetProperty("activities").GetArrayLength());
        Assert.Equal("before-restart", feed.GetProperty("activities")[1].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(HttpStatusCode.OK, postStatus);
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        while (true)
        {
            var frame = await ReceiveRawAsync(socket).WaitAsync(TimeSpan.FromSeconds(10));
            if (frame.Length > 0)
            {
                return JsonDocument.Parse(frame).RootElement.Clone();
            }
        }
    }

    private static async Task<byte[]> ReceiveRawAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return message.ToArray();
    }
}
