using System.Net;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>Where a message came from or goes to: a transport and an address.</summary>
public readonly record struct SipRemote(SipProtocol Protocol, IPEndPoint EndPoint)
{
    /// <summary>TCP delivers reliably, so the transaction layer skips retransmissions (RFC 3261 §17).</summary>
    public bool IsReliable => Protocol != SipProtocol.Udp;

    public override string ToString() => $"{Protocol.ToString().ToLowerInvariant()}:{EndPoint}";
}
