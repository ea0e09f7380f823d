using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>An RTP packet and when it reaches the receiver, counted from the answer.</summary>
public sealed record ScheduledPacket(TimeSpan Arrival, RtpPacket Packet);
