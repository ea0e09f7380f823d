using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>A UDP socket; each datagram is one message (RFC 3261 §18.3).</summary>
public sealed partial class SipUdpChannel : ISipChannel
{
    private readonly Socket socket;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private Task? receiveLoop;

    /// <param name="bindTo">The local address; port 0 picks a free one.</param>
    /// <param name="logger">Where receive errors go.</param>
    /// <param name="receiveBufferSize">
    /// The socket's kernel receive buffer in bytes, or 0 for the system default. A burst larger
    /// than the buffer is lost before we see it, and each lost request comes back as a
    /// retransmission, so a busy server wants more than the usual 208 KiB. The kernel may cap it
    /// (net.core.rmem_max on Linux).
    /// </param>
    public SipUdpChannel(IPEndPoint bindTo, ILogger<SipUdpChannel> logger, int receiveBufferSize = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(receiveBufferSize);
        this.logger = logger;
        socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (receiveBufferSize > 0) socket.ReceiveBufferSize = receiveBufferSize;
        socket.Bind(bindTo);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public SipProtocol Protocol => SipProtocol.Udp;

    public IPEndPoint LocalEndPoint { get; }

    public void Start(Func<SipChannelPacket, ValueTask> onReceived)
    {
        if (receiveLoop is not null) throw new InvalidOperationException("The channel is already started.");
        receiveLoop = Task.Run(() => ReceiveLoopAsync(onReceived, stopping.Token));
    }

    public async ValueTask SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await socket.SendToAsync(data, SocketFlags.None, remote, cancellationToken);
    }

    private async Task ReceiveLoopAsync(Func<SipChannelPacket, ValueTask> onReceived, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port-unreachable from an earlier send surfaces here; the socket stays usable.
                LogReceiveError(logger, ex.SocketErrorCode);
                continue;
            }

            var packet = new SipChannelPacket(Protocol, (IPEndPoint)result.RemoteEndPoint, buffer.AsSpan(0, result.ReceivedBytes).ToArray());
            try
            {
                await onReceived(packet);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(logger, ex, packet.Remote);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket.Dispose();
        if (receiveLoop is not null) await receiveLoop;
        stopping.Dispose();
    }
}
