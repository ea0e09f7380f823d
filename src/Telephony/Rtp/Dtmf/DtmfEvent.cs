namespace ContactCenter.Telephony.Rtp.Dtmf;

/// <summary>One received telephone event, reported once however many packets carried it.</summary>
/// <param name="Code">RFC 4733 event code.</param>
/// <param name="Digit">The DTMF digit, or null for non-DTMF events.</param>
/// <param name="Duration">How long the event lasted.</param>
/// <param name="Volume">Power level in −dBm0.</param>
/// <param name="Timestamp">The RTP timestamp identifying the event.</param>
/// <param name="EndSeen">False when the end packets were lost and a later event or a flush closed it.</param>
public sealed record DtmfEvent(byte Code, char? Digit, TimeSpan Duration, int Volume, uint Timestamp, bool EndSeen);
