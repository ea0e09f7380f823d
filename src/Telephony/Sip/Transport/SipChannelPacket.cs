using System.Net;

namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>One framed message's bytes as a channel received them.</summary>
/// <param name="Protocol">The channel's transport.</param>
/// <param name="Remote">The sender (for TCP, the connection's remote end).</param>
/// <param name="Data">Exactly one message on TCP; one datagram on UDP.</param>
public readonly record struct SipChannelPacket(SipProtocol Protocol, IPEndPoint Remote, byte[] Data);
