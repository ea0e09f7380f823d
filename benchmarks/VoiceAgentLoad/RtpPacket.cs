namespace ContactCenter.VoiceAgentLoad;

/// <summary>One captured PCMU RTP packet.</summary>
/// <param name="Time">Capture time, seconds since the Unix epoch.</param>
public sealed record RtpPacket(double Time, int SourcePort, int DestinationPort, uint Ssrc);
