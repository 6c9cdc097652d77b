using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace Staffono.Bot.DirectLine;

/// <summary>
/// The Direct Line WebSocket: everything after the client's watermark, a bounded page per frame, then
/// each new activity as it lands, and empty keep-alive frames while the conversation is quiet.
/// </summary>
internal static class DirectLineStream
{
    public static async Task HandleAsync(HttpContext http, string conversationId, DirectLineTokenService tokens, IDirectLineStore store, DirectLineFeed feed, IOptions<DirectLineOptions> options, TimeProvider time)
    {
        var (_, failure) = DirectLineEndpoints.Authorize(http, tokens, conversationId, http.Request.Query["t"].ToString() is { Length: > 0 } t ? t : null);
        if (failure is not null)
        {
            await failure.ExecuteAsync(http);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem(detail: "Connect with a WebSocket.", statusCode: StatusCodes.Status400BadRequest, title: "WebSocket required").ExecuteAsync(http);
            return;
        }

        if (DirectLineEndpoints.ParseWatermark(http.Request.Query["watermark"]) is not { } watermark)
        {
            await Results.Problem(detail: "The watermark must be one this service returned for this conversation.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid watermark").ExecuteAsync(http);
            return;
        }

        // Take the signal before reading, so an activity appended in between wakes the next wait.
        var changed = feed.NextChange(conversationId);
        var page = await store.ReadPageAsync(conversationId, watermark, http.RequestAborted);
        if (DirectLineEndpoints.FeedProblem(page) is { } problem)
        {
            page.Dispose();
            await problem.ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var receiving = DrainAsync(socket, closing);
        try
        {
            while (socket.State == WebSocketState.Open && !closing.IsCancellationRequested)
            {
                // The history goes out a bounded page at a time: a long conversation is never in memory whole.
                if (page.Activities.Count > 0)
                {
                    await SendAsync(socket, page, closing.Token);
                    watermark = page.Watermark;
                    page.Dispose();
                    changed = feed.NextChange(conversationId);
                    page = await store.ReadPageAsync(conversationId, watermark, closing.Token);
                    continue;
                }

                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
                var keepAlive = Task.Delay(options.Value.KeepAliveInterval, time, quiet.Token);
                var woke = await Task.WhenAny(changed, keepAlive, receiving);
                await quiet.CancelAsync();
                if (woke == receiving)
                {
                    break;
                }

                if (woke == keepAlive && socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, closing.Token);
                }

                page.Dispose();
                changed = feed.NextChange(conversationId);
                page = await store.ReadPageAsync(conversationId, watermark, closing.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away; nothing to clean up but the socket.
        }

        finally
        {
            page.Dispose();
            await closing.CancelAsync();
            // Answer the client's close (or start one) so the handshake completes.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                }
            }
        }
    }

    /// <summary>One ActivitySet frame, written piece by piece from the stored activities.</summary>
    private static async Task SendAsync(WebSocket socket, FeedPage page, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte>? previous = null;
        foreach (var part in page.ActivitySetParts())
        {
            if (previous is { } ready)
            {
                await socket.SendAsync(ready, WebSocketMessageType.Text, endOfMessage: false, cancellationToken);
            }

            previous = part;
        }

        await socket.SendAsync(previous!.Value, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Reads (and ignores) what the client sends — Web Chat's "" pings — until it closes.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }
}
