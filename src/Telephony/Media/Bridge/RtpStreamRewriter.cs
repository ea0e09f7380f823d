using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Media.Bridge;

/// <summary>
/// Maps one incoming stream onto an outgoing session so the far end sees a single continuous
/// stream: our SSRC, and sequence numbers and timestamps shifted by offsets fixed when the
/// incoming stream starts. Offsets are re-anchored (with the marker bit set, RFC 3551 §4.1)
/// when the incoming SSRC changes or its sequence jumps like a restart, because RFC 3550 §A.1
/// would otherwise make the receiver drop the packets as a wild jump.
/// </summary>
public sealed class RtpStreamRewriter
{
    private const int MaxJump = 3000;
    private readonly RtpSession target;
    private uint? sourceSsrc;
    private ushort highestSourceSequence;
    private ushort sequenceOffset;
    private uint timestampOffset;

    /// <summary>Creates a rewriter that sends as <paramref name="target"/>.</summary>
    public RtpStreamRewriter(RtpSession target)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.target = target;
    }

    /// <summary>Times the mapping was (re)anchored.</summary>
    public int Anchors { get; private set; }

    /// <summary>Returns the packet as the target session sends it.</summary>
    public RtpPacket Rewrite(RtpPacket packet, int payloadType, ReadOnlyMemory<byte> payload, int durationSamples)
    {
        ArgumentNullException.ThrowIfNull(packet);
        bool anchor = sourceSsrc != packet.Ssrc || Math.Abs((short)(packet.SequenceNumber - highestSourceSequence)) > MaxJump;
        if (anchor)
        {
            sourceSsrc = packet.Ssrc;
            highestSourceSequence = packet.SequenceNumber;
            sequenceOffset = (ushort)(target.NextSequenceNumber - packet.SequenceNumber);
            var (now, _) = target.ReserveTimestamp(0);
            timestampOffset = now - packet.Timestamp;
            Anchors++;
        }
        else if ((short)(packet.SequenceNumber - highestSourceSequence) > 0)
        {
            highestSourceSequence = packet.SequenceNumber;
        }

        return target.Relabel(packet, (ushort)(packet.SequenceNumber + sequenceOffset), packet.Timestamp + timestampOffset,
            durationSamples, packet.Marker || anchor, payloadType, payload);
    }
}
