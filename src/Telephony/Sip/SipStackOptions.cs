using System.Net;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;
using ContactCenter.Telephony.Sip.UserAgents;

namespace ContactCenter.Telephony.Sip;

/// <summary>Where the stack listens and how it behaves. Port 0 picks a free port.</summary>
public sealed record SipStackOptions
{
    /// <summary>The UDP address, or null for no UDP.</summary>
    public IPEndPoint? Udp { get; init; } = new(IPAddress.Loopback, 5060);

    /// <summary>
    /// The TCP address. When null and <see cref="ListenOnTcp"/> is true, TCP listens on the UDP
    /// address and port: RFC 3261 §18 has every element that listens on UDP listen on the same
    /// port over TCP, for requests too large for a datagram and for peers that prefer streams.
    /// </summary>
    public IPEndPoint? Tcp { get; init; }

    /// <summary>False for a UDP-only stack.</summary>
    public bool ListenOnTcp { get; init; } = true;

    public SipTimerOptions Timers { get; init; } = SipTimerOptions.Default;

    public SipUserAgentOptions UserAgent { get; init; } = new();

    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>
    /// The UDP socket's receive buffer (0 for the system default): room for a burst of requests
    /// while the receive loop catches up, instead of losing them in the kernel.
    /// </summary>
    public int UdpReceiveBufferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Live server transactions beyond which new INVITEs get a stateless 503.</summary>
    public int MaxServerTransactions { get; init; } = 20_000;

    /// <summary>The Retry-After of those 503s, in whole seconds on the wire.</summary>
    public TimeSpan OverloadRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many lines about malformed packets may be logged per interval.</summary>
    public SipLogRateLimit BadPacketLog { get; init; } = SipLogRateLimit.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Udp is null && Tcp is null) throw new ArgumentException("Set a UDP or a TCP address: a stack needs somewhere to listen.", nameof(Udp));
        if (Udp is null && !ListenOnTcp) throw new ArgumentException("With no UDP address, TCP must be on.", nameof(ListenOnTcp));
        // The start line and the mandatory headers of a plain request need about this much (RFC 3261 §18.1.1).
        if (MaxMessageSize < 1024) throw new ArgumentException($"{nameof(MaxMessageSize)} must be at least 1024 bytes (was {MaxMessageSize}).", nameof(MaxMessageSize));
        if (UdpReceiveBufferSize < 0) throw new ArgumentException($"{nameof(UdpReceiveBufferSize)} cannot be negative (was {UdpReceiveBufferSize}).", nameof(UdpReceiveBufferSize));
        if (MaxServerTransactions < 1) throw new ArgumentException($"{nameof(MaxServerTransactions)} must be at least 1 (was {MaxServerTransactions}).", nameof(MaxServerTransactions));
        if (OverloadRetryAfter < TimeSpan.Zero) throw new ArgumentException($"{nameof(OverloadRetryAfter)} cannot be negative (was {OverloadRetryAfter}).", nameof(OverloadRetryAfter));
        ArgumentNullException.ThrowIfNull(Timers, nameof(Timers));
        if (Timers.T1 <= TimeSpan.Zero || Timers.T2 < Timers.T1 || Timers.T4 <= TimeSpan.Zero || Timers.TimerD < TimeSpan.Zero)
        {
            throw new ArgumentException($"Timers need T1 > 0, T2 ≥ T1, T4 > 0 and Timer D ≥ 0 (were {Timers}).", nameof(Timers));
        }
        ArgumentNullException.ThrowIfNull(UserAgent, nameof(UserAgent));
        ArgumentNullException.ThrowIfNull(BadPacketLog, nameof(BadPacketLog));
        BadPacketLog.Validate();
    }
}
