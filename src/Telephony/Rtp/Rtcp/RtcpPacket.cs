namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>One packet inside an RTCP compound packet (RFC 3550 §6).</summary>
public abstract record RtcpPacket
{
    /// <summary>Sender report packet type (RFC 3550 §12.1).</summary>
    public const byte TypeSenderReport = 200;
    /// <summary>Receiver report packet type.</summary>
    public const byte TypeReceiverReport = 201;
    /// <summary>Source description packet type.</summary>
    public const byte TypeSourceDescription = 202;
    /// <summary>Goodbye packet type.</summary>
    public const byte TypeBye = 203;

    /// <summary>The SSRC of the packet's sender (the first SSRC for SDES and BYE).</summary>
    public abstract uint Ssrc { get; }

    /// <summary>Bytes this packet occupies, including its 4-byte common header.</summary>
    public abstract int Length { get; }

    /// <summary>Writes the packet (header included) and returns the byte count.</summary>
    internal abstract int WriteTo(Span<byte> destination);

    /// <summary>Writes the common header (RFC 3550 §6.4.1): V=2, P=0, a 5-bit count, the type, and the length in words minus one.</summary>
    protected static void WriteHeader(Span<byte> destination, int count, byte packetType, int lengthBytes)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = packetType;
        int words = lengthBytes / 4 - 1;
        destination[2] = (byte)(words >> 8);
        destination[3] = (byte)words;
    }
}
