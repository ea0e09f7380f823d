using System.Buffers.Binary;

namespace ContactCenter.Telephony.Rtp.Dtmf;

/// <summary>
/// The 4-byte telephone-event payload of RFC 4733 §2.3: event code, end bit, volume
/// (0–63, in −dBm0), and duration in RTP timestamp units since the event began.
/// </summary>
public readonly record struct TelephoneEvent
{
    /// <summary>Bytes of one event payload.</summary>
    public const int Length = 4;

    /// <summary>The payload type most offers use for telephone-event/8000 (a dynamic type, so negotiated in SDP).</summary>
    public const int DefaultPayloadType = 101;

    /// <summary>Creates an event payload.</summary>
    public TelephoneEvent(byte code, bool end, int volume, ushort duration)
    {
        if (volume is < 0 or > 63) throw new ArgumentOutOfRangeException(nameof(volume), volume, "RFC 4733 §2.3.4: volume is 0–63 (−dBm0).");
        Code = code;
        End = end;
        Volume = volume;
        Duration = duration;
    }

    /// <summary>The event code (0–15 are the DTMF digits, §3.2).</summary>
    public byte Code { get; }

    /// <summary>The E bit: this packet ends the event.</summary>
    public bool End { get; }

    /// <summary>Power level as a positive number of −dBm0 (0 is loudest).</summary>
    public int Volume { get; }

    /// <summary>Duration so far in timestamp units.</summary>
    public ushort Duration { get; }

    /// <summary>Parses the first event of a payload; throws <see cref="RtpFormatException"/> when it is too short.</summary>
    public static TelephoneEvent Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Length) throw new RtpFormatException($"A telephone-event payload is {Length} bytes; got {payload.Length}.");
        // §2.3: the R bit (0x40) is reserved and ignored by receivers.
        return new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, payload[1] & 0x3F, BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
    }

    /// <summary>The 4 payload bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        bytes[0] = Code;
        bytes[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), Duration);
        return bytes;
    }
}
