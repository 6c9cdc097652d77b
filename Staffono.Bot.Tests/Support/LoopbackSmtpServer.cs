using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Staffono.Bot.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1 that stands in for a mail relay: the code under test sends through an ordinary
/// SMTP client, and the test reads back exactly what arrived. It speaks only the plain-text subset of RFC 5321
/// that a client needs to hand over a message (no TLS, no authentication).
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    // A line longer than this is a broken client, not a message worth keeping; the session is dropped.
    private const int MaxLineBytes = 1024 * 1024;

    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly Channel<ReceivedMail> _arrivals = Channel.CreateUnbounded<ReceivedMail>();
    private readonly ConcurrentDictionary<Task, byte> _sessions = new();
    private readonly Lock _recordGate = new();
    private readonly Task _acceptLoop;
    private int _rejectNextMessages;
    private int _disposed;

    private LoopbackSmtpServer(TcpListener listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port the server listens on; the operating system chose it, so parallel tests never collide.</summary>
    public int Port { get; }

    /// <summary>
    /// How many of the next messages to turn away with a temporary failure (451) at the end of DATA, so a test
    /// can check that the sender retries or reports the failure. Each rejected message counts this down by one.
    /// </summary>
    public int RejectNextMessages
    {
        get => Volatile.Read(ref _rejectNextMessages);
        set => Volatile.Write(ref _rejectNextMessages, value);
    }

    /// <summary>Every message accepted so far, in the order they were accepted; a copy, so it does not change under the test.</summary>
    public IReadOnlyList<ReceivedMail> Messages => _messages.ToArray();

    /// <summary>Starts listening on a free loopback port; sessions are served in the background until disposal.</summary>
    public static LoopbackSmtpServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new LoopbackSmtpServer(listener);
    }

    /// <summary>
    /// Waits for the next accepted message that no earlier call has returned yet, so a test can wait for mail
    /// sent in the background without sleeping. Throws <see cref="TimeoutException"/> if none arrives in time.
    /// </summary>
    public async Task<ReceivedMail> NextAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            return await _arrivals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"No e-mail arrived within {timeout}."));
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(LoopbackSmtpServer), "The SMTP server was stopped before another e-mail arrived.");
        }
    }

    /// <summary>Stops listening, ends every open session and waits for them; never throws, so it is safe in any cleanup.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // The accept loop has ended, so no session can be added after this snapshot.
        await Task.WhenAll(_sessions.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _arrivals.Writer.TryComplete();
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }

            var session = Task.Run(() => ServeAsync(client, token));
            _sessions.TryAdd(session, 0);
            // Attached after the add, so a session that has already finished is still removed.
            _ = session.ContinueWith(finished => _sessions.TryRemove(finished, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken token)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await RunSessionAsync(stream, new LineReader(stream), token);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the server is stopping; either way the session is over.
            }
        }
    }

    private async Task RunSessionAsync(NetworkStream stream, LineReader reader, CancellationToken token)
    {
        await ReplyAsync(stream, "220 localhost ESMTP Staffono loopback ready", token);
        string? from = null;
        var to = new List<string>();
        while (true)
        {
            var raw = await reader.ReadLineAsync(token);
            if (raw is null)
            {
                return;
            }

            var line = Encoding.UTF8.GetString(raw);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            switch (verb)
            {
                case "EHLO":
                    from = null;
                    to.Clear();
                    // Only what this server really honours: it stores the bytes as sent, so 8-bit and UTF-8 are safe.
                    await ReplyAsync(stream, "250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8", token);
                    break;
                case "HELO":
                    from = null;
                    to.Clear();
                    await ReplyAsync(stream, "250 localhost", token);
                    break;
                case "MAIL":
                    if (from is not null)
                    {
                        await ReplyAsync(stream, "503 5.5.1 sender already given", token);
                    }
                    else if (TryReadPath(argument, "FROM:", out var sender))
                    {
                        from = sender;
                        await ReplyAsync(stream, "250 2.1.0 OK", token);
                    }
                    else
                    {
                        await ReplyAsync(stream, "501 5.5.4 expected MAIL FROM:<address>", token);
                    }

                    break;
                case "RCPT":
                    if (from is null)
                    {
                        await ReplyAsync(stream, "503 5.5.1 need MAIL first", token);
                    }
                    else if (TryReadPath(argument, "TO:", out var recipient))
                    {
                        to.Add(recipient);
                        await ReplyAsync(stream, "250 2.1.5 OK", token);
                    }
                    else
                    {
                        await ReplyAsync(stream, "501 5.5.4 expected RCPT TO:<address>", token);
                    }

                    break;
                case "DATA":
                    if (from is null || to.Count == 0)
                    {
                        await ReplyAsync(stream, "503 5.5.1 need MAIL and RCPT first", token);
                        break;
                    }

                    await ReplyAsync(stream, "354 end data with <CR><LF>.<CR><LF>", token);
                    var data = await ReadDataAsync(reader, token);
                    if (data is null)
                    {
                        return;
                    }

                    if (TryTakeRejection())
                    {
                        await ReplyAsync(stream, "451 4.3.0 try again later", token);
                    }
                    else
                    {
                        // Recorded before the reply, so once the client's send returns the test can already see it.
                        Record(new ReceivedMail(from, to.ToArray(), data));
                        await ReplyAsync(stream, "250 2.0.0 queued", token);
                    }

                    from = null;
                    to.Clear();
                    break;
                case "RSET":
                    from = null;
                    to.Clear();
                    await ReplyAsync(stream, "250 2.0.0 OK", token);
                    break;
                case "NOOP":
                    await ReplyAsync(stream, "250 2.0.0 OK", token);
                    break;
                case "QUIT":
                    await ReplyAsync(stream, "221 2.0.0 bye", token);
                    return;
                case "":
                    await ReplyAsync(stream, "500 5.5.2 empty command", token);
                    break;
                default:
                    await ReplyAsync(stream, "502 5.5.1 command not implemented", token);
                    break;
            }
        }
    }

    // Reads the message up to the lone "." line, undoing dot-stuffing (RFC 5321 section 4.5.2); null if the client hung up first.
    private static async Task<string?> ReadDataAsync(LineReader reader, CancellationToken token)
    {
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            var raw = await reader.ReadLineAsync(token);
            if (raw is null)
            {
                return null;
            }

            if (raw.Length == 1 && raw[0] == (byte)'.')
            {
                return Encoding.UTF8.GetString(message.WrittenSpan);
            }

            var content = raw.Length > 1 && raw[0] == (byte)'.' ? raw.AsSpan(1) : raw.AsSpan();
            message.Write(content);
            message.Write(LineEnd);
        }
    }

    // Takes the address out of "FROM:<a@b> BODY=8BITMIME SMTPUTF8"; parameters after it are accepted and ignored.
    private static bool TryReadPath(string argument, string keyword, out string address)
    {
        address = string.Empty;
        if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = argument[keyword.Length..].TrimStart();
        if (rest.StartsWith('<'))
        {
            var close = rest.IndexOf('>', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            address = rest[1..close];
            return true;
        }

        // Some clients leave out the angle brackets; the address then runs up to the first space.
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        address = end < 0 ? rest : rest[..end];
        return address.Length > 0;
    }

    private static async Task ReplyAsync(NetworkStream stream, string reply, CancellationToken token) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"), token);

    private bool TryTakeRejection()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _rejectNextMessages);
            if (remaining <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _rejectNextMessages, remaining - 1, remaining) == remaining)
            {
                return true;
            }
        }
    }

    private void Record(ReceivedMail mail)
    {
        // One gate for both, so the snapshot list and the NextAsync order agree when sessions run side by side.
        lock (_recordGate)
        {
            _messages.Enqueue(mail);
            _arrivals.Writer.TryWrite(mail);
        }
    }

    // Splits the byte stream into lines itself, so nothing read ahead is lost between a command and the DATA that follows.
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        // One line without its line ending (CRLF, or a bare LF from a sloppy client); null once the client has hung up.
        public async Task<byte[]?> ReadLineAsync(CancellationToken token)
        {
            ArrayBufferWriter<byte>? partial = null;
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline >= 0)
                {
                    var piece = _buffer.AsSpan(_start, newline - _start);
                    _start = newline + 1;
                    byte[] line;
                    if (partial is null)
                    {
                        line = piece.ToArray();
                    }
                    else
                    {
                        partial.Write(piece);
                        line = partial.WrittenSpan.ToArray();
                    }

                    return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
                }

                if (_end > _start)
                {
                    partial ??= new ArrayBufferWriter<byte>();
                    partial.Write(_buffer.AsSpan(_start, _end - _start));
                    if (partial.WrittenCount > MaxLineBytes)
                    {
                        throw new IOException("The SMTP client sent a line longer than the loopback server accepts.");
                    }
                }

                _start = 0;
                _end = await stream.ReadAsync(_buffer.AsMemory(), token);
                if (_end == 0)
                {
                    return null;
                }
            }
        }
    }
}

/// <summary>One message as the server accepted it: the envelope sender and recipients, and the message text after dot-unstuffing.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data);
