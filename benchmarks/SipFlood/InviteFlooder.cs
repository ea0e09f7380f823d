using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>
/// Sends INVITEs from one UDP socket at a steady pace, each a new call, and never ACKs: the
/// cheapest flood for an attacker and the costliest for us, since every refused-with-480 call
/// keeps its transaction until Timer H (64·T1). Counts what comes back by status code.
/// </summary>
public sealed class InviteFlooder : IAsyncDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly long[] byStatus = new long[700];
    private readonly Task receiveLoop;

    public InviteFlooder(IPEndPoint target)
    {
        this.target = target;
        // A large buffer so the 100s, 480s and 503s are counted, not lost in our own socket.
        socket.ReceiveBufferSize = 8 * 1024 * 1024;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public long Sent { get; private set; }

    /// <summary>The port responses come back to.</summary>
    public int LocalPort => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public long Responses(int status) => Interlocked.Read(ref byStatus[status]);

    /// <summary>Sends <paramref name="count"/> INVITEs at <paramref name="perSecond"/>, in 10 ms batches.</summary>
    public async Task SendAsync(int count, int perSecond)
    {
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            // Ahead of schedule: wait for the next 10 ms tick rather than burst into the socket buffer.
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due - clock.Elapsed > TimeSpan.FromMilliseconds(10)) await Task.Delay(due - clock.Elapsed);
            await socket.SendToAsync(Invite(i, local), SocketFlags.None, target);
            Sent++;
        }
    }

    private byte[] Invite(int n, IPEndPoint local)
    {
        var sdp = "v=0\r\no=flood 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n";
        var text =
            $"INVITE sip:dialer@{target.Address}:{target.Port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bKflood{n}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:flood@127.0.0.1>;tag=f{n}\r\n" +
            $"To: <sip:dialer@{target.Address}>\r\n" +
            $"Call-ID: flood-{n}@127.0.0.1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            $"Contact: <sip:flood@127.0.0.1:{local.Port}>\r\n" +
            "Content-Type: application/sdp\r\n" +
            $"Content-Length: {sdp.Length}\r\n\r\n" + sdp;
        return Encoding.ASCII.GetBytes(text);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping.Token);
                // "SIP/2.0 NNN ..." — the status code is all we count.
                if (result.ReceivedBytes > 11 && int.TryParse(buffer.AsSpan(8, 3), out var status) && status is >= 100 and < 700)
                {
                    Interlocked.Increment(ref byStatus[status]);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP noise on loopback; keep counting.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket.Dispose();
        try
        {
            await receiveLoop;
        }
        catch (ObjectDisposedException)
        {
        }
        stopping.Dispose();
    }
}
