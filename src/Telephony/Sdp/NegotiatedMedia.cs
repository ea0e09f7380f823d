using System.Net;

namespace ContactCenter.Telephony.Sdp;

/// <summary>What offer/answer settled for the audio stream, seen from our side.</summary>
/// <param name="RemoteRtp">Where to send RTP (address 0.0.0.0 while the peer holds the call).</param>
/// <param name="Codec">The voice codec both sides use.</param>
/// <param name="TelephoneEventPayloadType">The RFC 4733 payload type, when both sides support DTMF events.</param>
/// <param name="Direction">Our direction: SendOnly means we send but do not receive (we hold the peer).</param>
public sealed record NegotiatedMedia(IPEndPoint RemoteRtp, SdpCodec Codec, int? TelephoneEventPayloadType, SdpDirection Direction)
{
    /// <summary>True when we should not send audio (the peer holds us, or the stream is inactive).</summary>
    public bool IsSendingPaused => Direction is SdpDirection.RecvOnly or SdpDirection.Inactive || RemoteRtp.Address.Equals(IPAddress.Any);
}
