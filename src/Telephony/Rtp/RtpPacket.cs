using System.Buffers.Binary;

namespace ContactCenter.Telephony.Rtp;

/// <summary>
/// One RTP data packet (RFC 3550 §5.1). Parsing is strict: version 2, a header that fits, a
/// consistent padding count, at most 15 CSRCs, and no payload type that would collide with RTCP
/// (RFC 5761 §4 reserves 72–76 so RTP and RTCP can share a port).
/// </summary>
public sealed class RtpPacket
{
    /// <summary>The fixed header is 12 bytes (RFC 3550 §5.1).</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>Largest datagram we build or accept; RTP over UDP on a LAN never needs more.</summary>
    public const int MaxPacketLength = 1500;

    private static readonly uint[] NoCsrcs = [];

    /// <summary>Creates a packet; throws <see cref="ArgumentException"/> for fields out of range.</summary>
    public RtpPacket(int payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, ReadOnlyMemory<byte> payload,
        bool marker = false, IReadOnlyList<uint>? csrcs = null, RtpHeaderExtension? extension = null, int paddingLength = 0)
    {
        if (payloadType is < 0 or > 127) throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "RTP payload type is a 7-bit field (0–127).");
        if (payloadType is >= 72 and <= 76) throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "RFC 5761 §4: payload types 72–76 are reserved because they collide with RTCP.");
        csrcs ??= NoCsrcs;
        if (csrcs.Count > 15) throw new ArgumentException("RFC 3550 §5.1: at most 15 CSRC identifiers fit the 4-bit CC field.", nameof(csrcs));
        if (paddingLength is < 0 or > 255) throw new ArgumentOutOfRangeException(nameof(paddingLength), paddingLength, "Padding is 0–255 bytes (its count is one octet).");
        PayloadType = payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Payload = payload;
        Marker = marker;
        Csrcs = csrcs;
        Extension = extension;
        PaddingLength = paddingLength;
        if (Length > MaxPacketLength) throw new ArgumentException($"The packet would be {Length} bytes; at most {MaxPacketLength} are allowed.", nameof(payload));
    }

    /// <summary>Always 2 (RFC 3550 §5.1).</summary>
    public int Version => 2;

    /// <summary>Whether the P bit is set: padding octets follow the payload.</summary>
    public bool Padding => PaddingLength > 0;

    /// <summary>Number of padding octets including the count octet itself; 0 when none.</summary>
    public int PaddingLength { get; }

    /// <summary>The M bit; for audio, the first packet of a talkspurt (RFC 3551 §4.1).</summary>
    public bool Marker { get; }

    /// <summary>The payload type, 0–127.</summary>
    public int PayloadType { get; }

    /// <summary>The 16-bit sequence number.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>The sampling instant of the first octet, in clock units (8000 Hz for G.711).</summary>
    public uint Timestamp { get; }

    /// <summary>The synchronisation source.</summary>
    public uint Ssrc { get; }

    /// <summary>Contributing sources (mixers list them).</summary>
    public IReadOnlyList<uint> Csrcs { get; }

    /// <summary>The header extension, when the X bit is set.</summary>
    public RtpHeaderExtension? Extension { get; }

    /// <summary>The payload, without padding.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Length of the whole datagram.</summary>
    public int Length => FixedHeaderLength + 4 * Csrcs.Count + (Extension is null ? 0 : 4 + Extension.Data.Length) + Payload.Length + PaddingLength;

    /// <summary>Parses a datagram, throwing <see cref="RtpFormatException"/> when it breaks RFC 3550.</summary>
    public static RtpPacket Parse(ReadOnlySpan<byte> datagram)
    {
        var packet = TryParse(datagram, out var error);
        return packet ?? throw new RtpFormatException(error!);
    }

    /// <summary>Parses a datagram; returns null and a reason when it is not valid RTP. The payload is copied.</summary>
    public static RtpPacket? TryParse(ReadOnlySpan<byte> datagram, out string? error)
    {
        error = null;
        if (datagram.Length < FixedHeaderLength) return Fail(out error, $"RTP packet of {datagram.Length} bytes is shorter than the 12-byte fixed header.");
        if (datagram.Length > MaxPacketLength) return Fail(out error, $"RTP packet of {datagram.Length} bytes exceeds {MaxPacketLength}.");
        int version = datagram[0] >> 6;
        if (version != 2) return Fail(out error, $"RTP version is {version}; RFC 3550 §5.1 requires 2.");
        bool padding = (datagram[0] & 0x20) != 0;
        bool hasExtension = (datagram[0] & 0x10) != 0;
        int csrcCount = datagram[0] & 0x0F;
        bool marker = (datagram[1] & 0x80) != 0;
        int payloadType = datagram[1] & 0x7F;
        if (payloadType is >= 72 and <= 76) return Fail(out error, $"Payload type {payloadType} collides with RTCP (RFC 5761 §4); this is probably an RTCP packet.");

        int offset = FixedHeaderLength + 4 * csrcCount;
        if (datagram.Length < offset) return Fail(out error, $"RTP packet declares {csrcCount} CSRCs but is only {datagram.Length} bytes.");
        var csrcs = csrcCount == 0 ? NoCsrcs : new uint[csrcCount];
        for (int i = 0; i < csrcCount; i++) csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(datagram[(FixedHeaderLength + 4 * i)..]);

        RtpHeaderExtension? extension = null;
        if (hasExtension)
        {
            if (datagram.Length < offset + 4) return Fail(out error, "RTP X bit is set but the header extension header is missing.");
            ushort profile = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            int words = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            offset += 4;
            if (datagram.Length < offset + 4 * words) return Fail(out error, $"RTP header extension declares {words} words but the packet ends first.");
            extension = new RtpHeaderExtension(profile, datagram.Slice(offset, 4 * words).ToArray());
            offset += 4 * words;
        }

        int end = datagram.Length;
        int paddingLength = 0;
        if (padding)
        {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            paddingLength = datagram[^1];
            if (paddingLength == 0) return Fail(out error, "RTP P bit is set but the padding count is zero.");
            if (paddingLength > end - offset) return Fail(out error, $"RTP padding count {paddingLength} exceeds the {end - offset} bytes after the header.");
            end -= paddingLength;
        }

        return new RtpPacket(payloadType,
            BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]),
            datagram[offset..end].ToArray(), marker, csrcs, extension, paddingLength);
    }

    /// <summary>Writes the packet into <paramref name="destination"/> and returns the byte count.</summary>
    public int WriteTo(Span<byte> destination)
    {
        int length = Length;
        if (destination.Length < length) throw new ArgumentException($"The destination holds {destination.Length} bytes; the packet needs {length}.", nameof(destination));
        destination[0] = (byte)(0x80 | (Padding ? 0x20 : 0) | (Extension is null ? 0 : 0x10) | Csrcs.Count);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        int offset = FixedHeaderLength;
        foreach (var csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }
        if (Extension is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], Extension.Profile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(Extension.Data.Length / 4));
            Extension.Data.Span.CopyTo(destination[(offset + 4)..]);
            offset += 4 + Extension.Data.Length;
        }
        Payload.Span.CopyTo(destination[offset..]);
        offset += Payload.Length;
        if (PaddingLength > 0)
        {
            destination.Slice(offset, PaddingLength - 1).Clear();
            destination[offset + PaddingLength - 1] = (byte)PaddingLength;
            offset += PaddingLength;
        }
        return offset;
    }

    /// <summary>The packet as a new byte array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Whether a datagram on a shared port is RTCP rather than RTP: RFC 5761 §4 distinguishes them by
    /// the second octet, which for RTCP is a packet type in 192–223.
    /// </summary>
    public static bool LooksLikeRtcp(ReadOnlySpan<byte> datagram) => datagram.Length >= 2 && datagram[1] is >= 192 and <= 223;

    /// <inheritdoc />
    public override string ToString() => $"RTP pt={PayloadType} seq={SequenceNumber} ts={Timestamp} ssrc={Ssrc:X8}{(Marker ? " M" : "")} {Payload.Length}B";

    private static RtpPacket? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
