using ContactCenter.Telephony.Rtp;
using ContactCenter.Telephony.Rtp.Dtmf;

namespace ContactCenter.Telephony.Media.Bridge;

/// <summary>One side of a bridge: its RTP session and the payload types negotiated on it.</summary>
/// <param name="Session">The leg's RTP session (already connected to its remote).</param>
/// <param name="AudioPayloadType">0 (PCMU) or 8 (PCMA).</param>
/// <param name="DtmfPayloadType">The leg's telephone-event payload type.</param>
public sealed record RtpBridgeLeg(RtpSession Session, int AudioPayloadType = 0, int DtmfPayloadType = TelephoneEvent.DefaultPayloadType);
