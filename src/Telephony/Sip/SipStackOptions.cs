using System.Net;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.UserAgents;

namespace ContactCenter.Telephony.Sip;

/// <summary>Where the stack listens and how it behaves. Port 0 picks a free port.</summary>
public sealed record SipStackOptions
{
    /// <summary>The UDP address, or null for no UDP.</summary>
    public IPEndPoint? Udp { get; init; } = new(IPAddress.Loopback, 5060);

    /// <summary>The TCP address, or null for no TCP.</summary>
    public IPEndPoint? Tcp { get; init; }

    public SipTimerOptions Timers { get; init; } = SipTimerOptions.Default;

    public SipUserAgentOptions UserAgent { get; init; } = new();

    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>Live server transactions beyond which new requests get a stateless 503.</summary>
    public int MaxServerTransactions { get; init; } = 20_000;
}
