using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>One TCP connection: a socket, a framer that cuts the stream into messages, a send lock.</summary>
internal sealed class SipTcpConnection(Socket socket, IPEndPoint remote, int maxMessageSize) : IAsyncDisposable
{
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly SipStreamFramer framer = new(maxMessageSize);

    public IPEndPoint Remote { get; } = remote;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        // Messages must not interleave on a stream, so sends are serialised per connection.
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
                data = data[sent..];
            }
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>Reads until the peer closes, the stream breaks framing, or cancellation.</summary>
    public async Task ReadLoopAsync(Func<SipChannelPacket, ValueTask> onReceived, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0) return;
            framer.Append(buffer.AsSpan(0, read));
            while (framer.TryReadMessage(out var message))
            {
                await onReceived(new SipChannelPacket(SipProtocol.Tcp, Remote, message));
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer; closing is all that is left.
        }
        catch (ObjectDisposedException)
        {
        }
        socket.Dispose();
        sendLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
