using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Staffono.Bot.DirectLine;
using Staffono.Bot.Tests.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Xunit;

namespace Staffono.Bot.Tests.Bot;

/// <summary>What the bot does to a local Direct Line conversation — send, edit, delete — and how the WebSocket carries it.</summary>
public sealed class DirectLineAdapterTests : IAsyncLifetime
{
    private RunningHost _host = null!;
    private DirectLineClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync("--Outbox:Dispatch=false");
        _client = new DirectLineClient(_host.Client);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_bot_can_edit_and_delete_what_it_sent_and_the_feed_shows_the_result()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);
        var adapter = _host.Services.GetRequiredService<DirectLineAdapter>();
        var turn = Incoming(conversationId);

        await adapter.RunTurnAsync(turn, new DelegateBot(async (context, ct) =>
        {
            var first = await context.SendActivityAsync("first draft", ct);
            var second = await context.SendActivityAsync("to be withdrawn", ct);
            var edit = Activity.CreateMessage("final text");
            edit.Id = first.Id;
            edit.ApplyConversationReference(context.Activity.GetConversationReference());
            await context.UpdateActivityAsync(edit, ct);
            await context.DeleteActivityAsync(second.Id!, ct);
        }), CancellationToken.None);

        var (_, feed) = await _client.GetActivitiesAsync(conversationId, token);
        var texts = feed.GetProperty("activities").EnumerateArray().Where(a => a.TryGetProperty("text", out _)).Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains("final text", texts);
        Assert.DoesNotContain("first draft", texts);
        Assert.DoesNotContain("to be withdrawn", texts);
    }

    [Fact]
    public async Task Editing_an_activity_that_is_not_there_is_an_error_for_the_bot_to_see()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);
        var missing = Activity.CreateMessage("x");
        missing.Id = conversationId + "|9999999";
        missing.Conversation = new ConversationAccount(conversationId);

        var turn = Incoming(conversationId);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _host.Services.GetRequiredService<DirectLineAdapter>().UpdateActivityAsync(new Staffono.Runtime.Adapter.TurnContext(_host.Services.GetRequiredService<DirectLineAdapter>(), turn), missing, CancellationToken.None));
        Assert.Equal($"No activity '{missing.Id}' in conversation '{conversationId}' to update.", error.Message);
        await Assert.ThrowsAsync<ArgumentNullException>(() => _host.Services.GetRequiredService<DirectLineAdapter>().RunTurnAsync(turn, null!, CancellationToken.None));
    }

    [Fact]
    public async Task The_stream_needs_a_websocket_and_a_readable_watermark()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        await _client.StartAsync(token);

        var plain = await _host.Client.GetAsync($"v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}");
        using var socket = new ClientWebSocket();
        var badWatermark = await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://{_host.BaseUri.Authority}/v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}&watermark=abc"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("Connect with a WebSocket.", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("400", badWatermark.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_pings_keeps_its_stream_and_a_new_reply_arrives_as_its_own_frame()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync();
        var (_, started) = await _client.StartAsync(token);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(started.GetProperty("streamUrl").GetString()!), CancellationToken.None);
        var backlog = await ReceiveAsync(socket);
        Assert.Contains("activities", backlog, StringComparison.Ordinal);

        // Web Chat sends an empty text frame every so often; the stream must not take it for goodbye.
        await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, CancellationToken.None);
        await _client.PostAsync(conversationId, token, "привет", "p1");

        var next = await ReceiveAsync(socket);
        Assert.Contains("привет", next, StringComparison.Ordinal);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    private static Activity Incoming(string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        Text = "hi",
        ChannelId = ChannelIds.DirectLine,
        ServiceUrl = "http://127.0.0.1/",
        From = new ChannelAccount("dl_someone", role: RoleTypes.User),
        Recipient = new ChannelAccount("staffono", "Staffono", RoleTypes.Bot),
        Conversation = new ConversationAccount(conversationId),
    };

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 20];
        var total = 0;
        WebSocketReceiveResult result;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(total), timeout.Token) is var r ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage) : null!;
            total += result.Count;
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
