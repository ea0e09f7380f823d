using System.Buffers.Binary;

namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>RTCP SR (RFC 3550 §6.4.1): sender information plus reception reports.</summary>
public sealed record RtcpSenderReport(uint SenderSsrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount, IReadOnlyList<RtcpReportBlock> Reports) : RtcpPacket
{
    /// <inheritdoc />
    public override uint Ssrc => SenderSsrc;

    /// <inheritdoc />
    public override int Length => 28 + RtcpReportBlock.Length * Reports.Count;

    internal override int WriteTo(Span<byte> destination)
    {
        if (Reports.Count > 31) throw new InvalidOperationException("RFC 3550 §6.4.1: at most 31 report blocks fit the 5-bit count.");
        WriteHeader(destination, Reports.Count, TypeSenderReport, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderSsrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], OctetCount);
        for (int i = 0; i < Reports.Count; i++) Reports[i].WriteTo(destination[(28 + RtcpReportBlock.Length * i)..]);
        return Length;
    }

    internal static RtcpSenderReport Read(ReadOnlySpan<byte> body, int count)
    {
        if (body.Length < 24 + RtcpReportBlock.Length * count) throw new RtpFormatException($"RTCP SR with {count} report blocks is too short ({body.Length + 4} bytes).");
        var reports = new RtcpReportBlock[count];
        for (int i = 0; i < count; i++) reports[i] = RtcpReportBlock.Read(body[(24 + RtcpReportBlock.Length * i)..]);
        return new RtcpSenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(body),
            BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
            reports);
    }
}
