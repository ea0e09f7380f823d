using System.Net;

namespace ContactCenter.Telephony.Rtp;

/// <summary>How an <see cref="RtpSession"/> binds and reports.</summary>
public sealed record RtpSessionOptions
{
    /// <summary>Address to bind; loopback by default.</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Port to bind; 0 picks a free one.</summary>
    public int LocalPort { get; init; }

    /// <summary>When picking a port, prefer an even one with the odd one above it free for RTCP (RFC 3550 §11).</summary>
    public bool PreferEvenPort { get; init; } = true;

    /// <summary>Send and accept RTCP on the RTP port (RFC 5761) instead of port + 1.</summary>
    public bool RtcpMux { get; init; }

    /// <summary>RTP clock rate; 8000 for G.711 and telephone-event (RFC 3551, RFC 4733).</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>Audio packetisation interval.</summary>
    public TimeSpan FrameInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Mean RTCP report interval; RFC 3550 §6.2 recommends at least 5 s. Zero disables the timer.</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Our CNAME in SDES (RFC 3550 §6.5.1); a random one when null.</summary>
    public string? CName { get; init; }

    /// <summary>
    /// Accept RTP only from the remote endpoint's address once it is set or latched (like
    /// Asterisk's strictrtp): packets from elsewhere are counted as invalid and dropped, so a
    /// stranger cannot inject audio into a call. Off by default because some carriers send media
    /// from an address other than the one in their SDP.
    /// </summary>
    public bool StrictSource { get; init; }

    /// <summary>Fixed SSRC (tests); random when null, as RFC 3550 §8 requires.</summary>
    public uint? Ssrc { get; init; }
}
