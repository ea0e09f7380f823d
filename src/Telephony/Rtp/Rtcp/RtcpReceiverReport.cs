using System.Buffers.Binary;

namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>RTCP RR (RFC 3550 §6.4.2): reception reports from a participant that has not sent recently.</summary>
public sealed record RtcpReceiverReport(uint ReporterSsrc, IReadOnlyList<RtcpReportBlock> Reports) : RtcpPacket
{
    /// <inheritdoc />
    public override uint Ssrc => ReporterSsrc;

    /// <inheritdoc />
    public override int Length => 8 + RtcpReportBlock.Length * Reports.Count;

    internal override int WriteTo(Span<byte> destination)
    {
        if (Reports.Count > 31) throw new InvalidOperationException("RFC 3550 §6.4.2: at most 31 report blocks fit the 5-bit count.");
        WriteHeader(destination, Reports.Count, TypeReceiverReport, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ReporterSsrc);
        for (int i = 0; i < Reports.Count; i++) Reports[i].WriteTo(destination[(8 + RtcpReportBlock.Length * i)..]);
        return Length;
    }

    internal static RtcpReceiverReport Read(ReadOnlySpan<byte> body, int count)
    {
        if (body.Length < 4 + RtcpReportBlock.Length * count) throw new RtpFormatException($"RTCP RR with {count} report blocks is too short ({body.Length + 4} bytes).");
        var reports = new RtcpReportBlock[count];
        for (int i = 0; i < count; i++) reports[i] = RtcpReportBlock.Read(body[(4 + RtcpReportBlock.Length * i)..]);
        return new RtcpReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(body), reports);
    }
}
