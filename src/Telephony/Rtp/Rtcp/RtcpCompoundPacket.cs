using System.Buffers.Binary;

namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>
/// An RTCP compound packet: the unit RTCP is sent in (RFC 3550 §6.1). Parsing applies the
/// validity checks of RFC 3550 §A.2: version 2 everywhere, the first packet an SR or RR with no
/// padding, and lengths that add up exactly to the datagram.
/// </summary>
public static class RtcpCompoundPacket
{
    /// <summary>Parses every packet; unknown packet types (APP, XR, feedback) are skipped, not rejected.</summary>
    public static IReadOnlyList<RtcpPacket> Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 8) throw new RtpFormatException($"RTCP datagram of {datagram.Length} bytes is too short.");
        byte firstType = datagram[1];
        if (firstType != RtcpPacket.TypeSenderReport && firstType != RtcpPacket.TypeReceiverReport)
            throw new RtpFormatException($"RTCP compound packet starts with type {firstType}; RFC 3550 §6.1 requires SR or RR first.");
        if ((datagram[0] & 0x20) != 0) throw new RtpFormatException("RTCP padding is only allowed on the last packet of a compound (RFC 3550 §A.2).");

        var packets = new List<RtcpPacket>();
        int offset = 0;
        while (offset < datagram.Length)
        {
            if (datagram.Length - offset < 4) throw new RtpFormatException("RTCP packet header is truncated.");
            var header = datagram[offset..];
            int version = header[0] >> 6;
            if (version != 2) throw new RtpFormatException($"RTCP version is {version}; RFC 3550 requires 2.");
            bool padding = (header[0] & 0x20) != 0;
            int count = header[0] & 0x1F;
            byte type = header[1];
            int length = (BinaryPrimitives.ReadUInt16BigEndian(header[2..]) + 1) * 4;
            if (offset + length > datagram.Length) throw new RtpFormatException($"RTCP packet of type {type} declares {length} bytes but only {datagram.Length - offset} remain.");
            if (padding && offset + length != datagram.Length) throw new RtpFormatException("RTCP padding is only allowed on the last packet of a compound (RFC 3550 §A.2).");

            var body = header[4..length];
            if (padding)
            {
                int pad = body.IsEmpty ? 0 : body[^1];
                if (pad == 0 || pad > body.Length) throw new RtpFormatException($"RTCP padding count {pad} is invalid.");
                body = body[..^pad];
            }

            RtcpPacket? packet = type switch
            {
                RtcpPacket.TypeSenderReport => RtcpSenderReport.Read(body, count),
                RtcpPacket.TypeReceiverReport => RtcpReceiverReport.Read(body, count),
                RtcpPacket.TypeSourceDescription => RtcpSourceDescription.Read(body, count),
                RtcpPacket.TypeBye => RtcpBye.Read(body, count),
                _ => null,
            };
            if (packet is not null) packets.Add(packet);
            offset += length;
        }
        return packets;
    }

    /// <summary>Writes packets back to back as one compound datagram.</summary>
    public static byte[] Write(IReadOnlyList<RtcpPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        if (packets.Count == 0 || packets[0] is not (RtcpSenderReport or RtcpReceiverReport))
            throw new ArgumentException("RFC 3550 §6.1: a compound packet starts with an SR or RR.", nameof(packets));
        var bytes = new byte[packets.Sum(p => p.Length)];
        int offset = 0;
        foreach (var packet in packets) offset += packet.WriteTo(bytes.AsSpan(offset));
        return bytes;
    }
}
