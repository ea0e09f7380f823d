namespace ContactCenter.Telephony.Sdp;

/// <summary>An RTP payload format: payload type, encoding name and clock rate (an rtpmap line).</summary>
public sealed record SdpCodec(int PayloadType, string Name, int ClockRate = 8000)
{
    /// <summary>G.711 µ-law, static payload type 0 (RFC 3551).</summary>
    public static SdpCodec Pcmu { get; } = new(0, "PCMU");

    /// <summary>G.711 A-law, static payload type 8 (RFC 3551).</summary>
    public static SdpCodec Pcma { get; } = new(8, "PCMA");

    /// <summary>DTMF events (RFC 4733) on the customary dynamic payload type 101.</summary>
    public static SdpCodec TelephoneEvent { get; } = new(101, "telephone-event");

    public bool IsTelephoneEvent => Name.Equals("telephone-event", StringComparison.OrdinalIgnoreCase);

    /// <summary>Same encoding and clock rate, whatever payload type each side picked.</summary>
    public bool SameFormat(SdpCodec other) =>
        Name.Equals(other.Name, StringComparison.OrdinalIgnoreCase) && ClockRate == other.ClockRate;

    public string RtpMap => $"{PayloadType} {Name}/{ClockRate}";
}
