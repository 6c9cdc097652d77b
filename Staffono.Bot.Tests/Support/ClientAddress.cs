using System.Net;
using System.Net.Sockets;

namespace Staffono.Bot.Tests.Support;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so a test can
/// play several client machines against a host that limits per client address — all on loopback.
/// </summary>
public static class ClientAddress
{
    public static HttpClient HttpClient(string localAddress, Uri baseUri) =>
        new(new SocketsHttpHandler { ConnectCallback = (context, cancellationToken) => ConnectFromAsync(IPAddress.Parse(localAddress), context.DnsEndPoint, cancellationToken) })
        {
            BaseAddress = baseUri,
        };

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress local, DnsEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(remote, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
