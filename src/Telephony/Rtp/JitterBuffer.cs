namespace ContactCenter.Telephony.Rtp;

/// <summary>
/// Puts received packets of one stream back in sequence order. Sequence numbers are 16-bit and
/// wrap (RFC 3550 §5.1), so they are unwrapped against the highest number seen. A missing packet
/// is waited for while fewer than <see cref="ReorderDepth"/> later packets are buffered; after
/// that it is declared lost. The buffer never holds more than <see cref="Capacity"/> packets.
/// Not thread-safe: one receive loop owns it.
/// </summary>
public sealed class JitterBuffer
{
    // A jump further than this is a new stream, not loss (the same bound RFC 3550 §A.1 uses).
    private const int MaxJump = 3000;

    private readonly SortedDictionary<long, RtpPacket> packets = [];
    private long nextExpected;
    private long highest;
    private bool started;
    private uint? ssrc;

    /// <summary>Creates a buffer.</summary>
    /// <param name="capacity">Most packets held at once (at 20 ms each, 50 = one second).</param>
    /// <param name="reorderDepth">How many later packets may arrive before a missing one is declared lost.</param>
    public JitterBuffer(int capacity = 50, int reorderDepth = 3)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be at least 1.");
        if (reorderDepth < 0 || reorderDepth >= capacity) throw new ArgumentOutOfRangeException(nameof(reorderDepth), reorderDepth, "The reorder depth must be between 0 and capacity - 1.");
        Capacity = capacity;
        ReorderDepth = reorderDepth;
    }

    /// <summary>Most packets held at once.</summary>
    public int Capacity { get; }

    /// <summary>Later packets tolerated before a gap counts as loss.</summary>
    public int ReorderDepth { get; }

    /// <summary>Packets currently held.</summary>
    public int Depth => packets.Count;

    /// <summary>Packets stored.</summary>
    public long Accepted { get; private set; }

    /// <summary>Packets dropped because their sequence number was already buffered.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Packets dropped because they arrived after their turn.</summary>
    public long Late { get; private set; }

    /// <summary>Sequence numbers skipped because the packet never came in time.</summary>
    public long Lost { get; private set; }

    /// <summary>Packets dropped because the buffer was full.</summary>
    public long Overflowed { get; private set; }

    /// <summary>Times the stream restarted (new SSRC or a huge jump).</summary>
    public long Restarts { get; private set; }

    /// <summary>Offers a packet.</summary>
    public JitterBufferPushResult Push(RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var result = JitterBufferPushResult.Accepted;
        if (started && packet.Ssrc != ssrc)
        {
            Restart();
            result = JitterBufferPushResult.Restarted;
        }

        long extended = started ? highest + (short)(ushort)(packet.SequenceNumber - (ushort)highest) : packet.SequenceNumber;
        if (!started)
        {
            started = true;
            ssrc = packet.Ssrc;
            nextExpected = extended;
            highest = extended;
        }
        else if (Math.Abs(extended - nextExpected) > MaxJump)
        {
            Restart();
            started = true;
            ssrc = packet.Ssrc;
            nextExpected = extended;
            highest = extended;
            result = JitterBufferPushResult.Restarted;
        }

        if (extended < nextExpected)
        {
            Late++;
            return JitterBufferPushResult.Late;
        }
        if (!packets.TryAdd(extended, packet))
        {
            Duplicates++;
            return JitterBufferPushResult.Duplicate;
        }
        Accepted++;
        if (extended > highest) highest = extended;

        if (packets.Count > Capacity)
        {
            // Full: give up on the oldest packet so the newest audio keeps flowing.
            var oldest = packets.First();
            packets.Remove(oldest.Key);
            Lost += oldest.Key - nextExpected;
            nextExpected = oldest.Key + 1;
            Overflowed++;
            if (result == JitterBufferPushResult.Accepted) result = JitterBufferPushResult.Overflow;
        }
        return result;
    }

    /// <summary>
    /// Takes the next packet in order when it is there, or when the gap before the oldest buffered
    /// packet has waited long enough; <paramref name="lostBefore"/> tells how many were skipped.
    /// </summary>
    public bool TryPop(out RtpPacket? packet, out int lostBefore) => TryPop(force: false, out packet, out lostBefore);

    /// <summary>Takes everything left, in order (at the end of a call).</summary>
    public IReadOnlyList<(RtpPacket Packet, int LostBefore)> Flush()
    {
        var result = new List<(RtpPacket, int)>(packets.Count);
        while (TryPop(force: true, out var packet, out int lost)) result.Add((packet!, lost));
        return result;
    }

    private bool TryPop(bool force, out RtpPacket? packet, out int lostBefore)
    {
        packet = null;
        lostBefore = 0;
        if (packets.Count == 0) return false;
        var first = packets.First();
        if (first.Key != nextExpected && !force && packets.Count <= ReorderDepth) return false;
        lostBefore = (int)(first.Key - nextExpected);
        Lost += lostBefore;
        packets.Remove(first.Key);
        nextExpected = first.Key + 1;
        packet = first.Value;
        return true;
    }

    private void Restart()
    {
        Restarts++;
        packets.Clear();
        started = false;
    }
}
