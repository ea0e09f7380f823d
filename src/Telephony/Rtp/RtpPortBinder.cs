using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Telephony.Rtp;

/// <summary>Binds the UDP sockets of a session: RTP on an even port with RTCP on the next one (RFC 3550 §11).</summary>
internal static class RtpPortBinder
{
    private const int Attempts = 40;

    public static (Socket Rtp, Socket? Rtcp) Bind(RtpSessionOptions options)
    {
        if (options.LocalPort is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), options.LocalPort, "LocalPort must be 0–65535.");
        if (options.LocalPort != 0)
        {
            var rtp = Open(options.LocalAddress, options.LocalPort);
            if (options.RtcpMux) return (rtp, null);
            try
            {
                return (rtp, Open(options.LocalAddress, options.LocalPort + 1));
            }
            catch
            {
                rtp.Dispose();
                throw;
            }
        }

        // Port 0: let the OS choose, and retry until it hands us an even port whose successor is free.
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            var rtp = Open(options.LocalAddress, 0);
            int port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
            bool lastTry = attempt == Attempts - 1;
            if (options.PreferEvenPort && port % 2 == 1 && !lastTry)
            {
                rtp.Dispose();
                continue;
            }
            if (options.RtcpMux) return (rtp, null);
            try
            {
                return (rtp, Open(options.LocalAddress, port + 1));
            }
            catch (SocketException) when (!lastTry)
            {
                rtp.Dispose();
            }
            catch
            {
                rtp.Dispose();
                throw;
            }
        }
        throw new InvalidOperationException("Could not bind an RTP/RTCP port pair.");
    }

    private static Socket Open(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
