using System.Buffers.Binary;

namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>
/// One reception report block (RFC 3550 §6.4.1): what the reporter saw of one source.
/// </summary>
/// <param name="Ssrc">The source this block is about.</param>
/// <param name="FractionLost">Lost share since the previous report, as a fixed-point fraction of 256.</param>
/// <param name="CumulativeLost">Packets lost since the start (24-bit signed; duplicates can make it negative).</param>
/// <param name="ExtendedHighestSequence">Highest sequence number received, with the wrap-around count in the high 16 bits.</param>
/// <param name="Jitter">Interarrival jitter estimate in timestamp units (§6.4.1, A.8).</param>
/// <param name="LastSenderReport">Middle 32 bits of the NTP time of the last SR received from the source (0 if none).</param>
/// <param name="DelaySinceLastSenderReport">Delay since that SR in 1/65536 s (0 if none).</param>
public sealed record RtcpReportBlock(uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter, uint LastSenderReport, uint DelaySinceLastSenderReport)
{
    /// <summary>Every report block is 24 bytes.</summary>
    public const int Length = 24;

    /// <summary>The largest and smallest cumulative loss that fits 24 signed bits.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF, MinCumulativeLost = -0x800000;

    /// <summary>The loss fraction as a number from 0 to 1.</summary>
    public double FractionLostRatio => FractionLost / 256.0;

    internal void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        int lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        uint word = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        // Sign-extend the 24-bit cumulative loss.
        int lost = (int)(word << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            (byte)(word >> 24),
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }
}
