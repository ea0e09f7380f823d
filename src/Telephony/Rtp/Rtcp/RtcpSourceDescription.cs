using System.Buffers.Binary;
using System.Text;

namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>
/// RTCP SDES with one chunk carrying the CNAME item (RFC 3550 §6.5.1), which every compound
/// packet must include (§6.1). Other items are skipped on read.
/// </summary>
public sealed record RtcpSourceDescription(uint SourceSsrc, string CName) : RtcpPacket
{
    private const byte ItemCName = 1;

    /// <inheritdoc />
    public override uint Ssrc => SourceSsrc;

    private int CNameBytes => Encoding.UTF8.GetByteCount(CName);

    /// <inheritdoc />
    // 4 header + 4 SSRC + 2 item header + text + at least one null octet, padded to a word (§6.5).
    public override int Length => 4 + ((4 + 2 + CNameBytes + 1 + 3) & ~3);

    internal override int WriteTo(Span<byte> destination)
    {
        int textLength = CNameBytes;
        if (textLength > 255) throw new InvalidOperationException("RFC 3550 §6.5: an SDES item holds at most 255 octets.");
        int length = Length;
        WriteHeader(destination, 1, TypeSourceDescription, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SourceSsrc);
        destination[8] = ItemCName;
        destination[9] = (byte)textLength;
        Encoding.UTF8.GetBytes(CName, destination[10..]);
        destination[(10 + textLength)..length].Clear();
        return length;
    }

    internal static RtcpSourceDescription? Read(ReadOnlySpan<byte> body, int count)
    {
        if (count == 0) return null;
        if (body.Length < 4) throw new RtpFormatException("RTCP SDES chunk is truncated.");
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(body);
        int offset = 4;
        while (offset < body.Length && body[offset] != 0)
        {
            if (offset + 2 > body.Length) throw new RtpFormatException("RTCP SDES item header is truncated.");
            byte type = body[offset];
            int length = body[offset + 1];
            if (offset + 2 + length > body.Length) throw new RtpFormatException("RTCP SDES item runs past the packet.");
            if (type == ItemCName) return new RtcpSourceDescription(ssrc, Encoding.UTF8.GetString(body.Slice(offset + 2, length)));
            offset += 2 + length;
        }
        return new RtcpSourceDescription(ssrc, string.Empty);
    }
}
