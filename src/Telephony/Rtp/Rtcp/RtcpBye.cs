using System.Buffers.Binary;

namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>RTCP BYE (RFC 3550 §6.6): the source is leaving.</summary>
public sealed record RtcpBye(uint LeavingSsrc) : RtcpPacket
{
    /// <inheritdoc />
    public override uint Ssrc => LeavingSsrc;

    /// <inheritdoc />
    public override int Length => 8;

    internal override int WriteTo(Span<byte> destination)
    {
        WriteHeader(destination, 1, TypeBye, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], LeavingSsrc);
        return Length;
    }

    internal static RtcpBye? Read(ReadOnlySpan<byte> body, int count) =>
        count == 0 || body.Length < 4 ? null : new RtcpBye(BinaryPrimitives.ReadUInt32BigEndian(body));
}
