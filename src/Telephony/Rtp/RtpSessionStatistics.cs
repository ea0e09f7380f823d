using ContactCenter.Telephony.Rtp.Rtcp;

namespace ContactCenter.Telephony.Rtp;

/// <summary>A snapshot of an <see cref="RtpSession"/>'s counters.</summary>
/// <param name="PacketsSent">RTP packets sent.</param>
/// <param name="OctetsSent">RTP payload octets sent (as the SR counts them, §6.4.1).</param>
/// <param name="PacketsReceived">Valid RTP packets received, all sources.</param>
/// <param name="OctetsReceived">Payload octets received.</param>
/// <param name="PacketsLost">Cumulative loss of the current remote source (§A.3).</param>
/// <param name="Jitter">Interarrival jitter of the current remote source (§A.8).</param>
/// <param name="InvalidPackets">Datagrams dropped because they were not valid RTP/RTCP.</param>
/// <param name="RtcpSent">RTCP compound packets sent.</param>
/// <param name="RtcpReceived">RTCP compound packets received.</param>
/// <param name="RemoteReport">The far end's latest report block about our stream, if any.</param>
/// <param name="RoundTripTime">Round-trip time from the latest report (§6.4.1), if it carried LSR.</param>
public sealed record RtpSessionStatistics(
    long PacketsSent,
    long OctetsSent,
    long PacketsReceived,
    long OctetsReceived,
    long PacketsLost,
    TimeSpan Jitter,
    long InvalidPackets,
    long RtcpSent,
    long RtcpReceived,
    RtcpReportBlock? RemoteReport,
    TimeSpan? RoundTripTime);
