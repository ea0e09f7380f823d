using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>Finds loopback ports nobody is using (free for both UDP and TCP), for sipp and test media.</summary>
public static class FreePort
{
    private static int next = 20000 + (Environment.ProcessId % 500) * 40;

    /// <summary>
    /// An even port whose next three are free too: sipp used as a media port binds the port, RTCP on
    /// port + 1 and its video pair on port + 2 and + 3, so blocks of four are handed out.
    /// </summary>
    public static int Next()
    {
        // Walk a per-process range and probe, so parallel test classes and processes rarely collide.
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            var port = Interlocked.Add(ref next, 4);
            if (port > 60000) Interlocked.Exchange(ref next, 20000);
            if (Enumerable.Range(port, 4).All(IsFree)) return port;
        }
        throw new InvalidOperationException("No free port found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
