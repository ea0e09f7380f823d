namespace ContactCenter.Telephony.Rtp;

/// <summary>What the jitter buffer did with a packet.</summary>
public enum JitterBufferPushResult
{
    /// <summary>Stored for playout.</summary>
    Accepted,
    /// <summary>Dropped: the same sequence number is already buffered.</summary>
    Duplicate,
    /// <summary>Dropped: its turn has passed (already played or declared lost).</summary>
    Late,
    /// <summary>Stored, but the buffer was full so the oldest packet was dropped.</summary>
    Overflow,
    /// <summary>Stored after a jump so large that the buffer restarted (a new stream or a sender restart).</summary>
    Restarted,
}
