using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Media;

/// <summary>Counters of one call's media.</summary>
/// <param name="Rtp">Transport counters: packets, octets, loss and jitter (RFC 3550), RTCP.</param>
/// <param name="FramesPlayed">Audio frames we sent from <see cref="IMediaSession.PlayAsync"/>.</param>
/// <param name="FramesReceived">Audio frames delivered to <see cref="IMediaSession.AudioReceived"/>, concealed ones included.</param>
/// <param name="FramesConcealed">Frames of silence inserted for lost packets.</param>
/// <param name="LatePackets">Packets dropped by the jitter buffer because they came after their turn.</param>
/// <param name="DuplicatePackets">Packets dropped by the jitter buffer as duplicates.</param>
/// <param name="DtmfReceived">DTMF events received.</param>
/// <param name="IgnoredPackets">Packets of a payload type we did not negotiate.</param>
public sealed record MediaSessionStatistics(
    RtpSessionStatistics Rtp,
    long FramesPlayed,
    long FramesReceived,
    long FramesConcealed,
    long LatePackets,
    long DuplicatePackets,
    long DtmfReceived,
    long IgnoredPackets);
