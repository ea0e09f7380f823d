using System.Net;
using System.Net.Sockets;
using ContactCenter.Telephony.Sdp;
using ContactCenter.Telephony.Sip.UserAgents;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>A minimal media endpoint for tests: binds a UDP socket for RTP and records what signalling told it.</summary>
public sealed class UdpMediaEndpoint : IMediaEndpoint
{
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly List<NegotiatedMedia> applied = [];

    private readonly CancellationTokenSource stopping = new();
    private int packetsReceived;

    public UdpMediaEndpoint(IReadOnlyList<SdpCodec>? codecs = null)
    {
        Codecs = codecs ?? [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent];
        LocalRtpEndPoint = (IPEndPoint)socket.Client.LocalEndPoint!;
        _ = CountPacketsAsync();
    }

    /// <summary>Datagrams that reached the RTP port (proof that the peer used our SDP).</summary>
    public int PacketsReceived => Volatile.Read(ref packetsReceived);

    private async Task CountPacketsAsync()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await socket.ReceiveAsync(stopping.Token);
                Interlocked.Increment(ref packetsReceived);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed: the call is over.
        }
    }

    public IPEndPoint LocalRtpEndPoint { get; }

    public IReadOnlyList<SdpCodec> Codecs { get; }

    public IReadOnlyList<NegotiatedMedia> Applied
    {
        get { lock (applied) return applied.ToList(); }
    }

    public bool Stopped { get; private set; }

    public ValueTask ApplyAsync(NegotiatedMedia media, CancellationToken cancellationToken = default)
    {
        lock (applied) applied.Add(media);
        return ValueTask.CompletedTask;
    }

    public ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        Stopped = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        stopping.Cancel();
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
