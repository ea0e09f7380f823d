namespace ContactCenter.Telephony.Media;

/// <summary>One frame of received call audio, decoded to 8 kHz linear samples.</summary>
/// <param name="Samples">The samples (160 for a 20 ms frame).</param>
/// <param name="Timestamp">The RTP timestamp of the first sample.</param>
/// <param name="SequenceNumber">The RTP sequence number (for a concealed frame: the missing one).</param>
/// <param name="Concealed">True when the packet was lost and this frame is silence standing in for it.</param>
public sealed record AudioFrame(short[] Samples, uint Timestamp, ushort SequenceNumber, bool Concealed)
{
    /// <summary>How long the frame plays.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / 8000.0);
}
