namespace ContactCenter.Telephony.Rtp.Rtcp;

/// <summary>
/// What we have received from one remote source, kept as RFC 3550 Appendix A prescribes:
/// sequence validation with probation and wrap-around (§A.1), expected/lost counts and the
/// per-interval loss fraction (§A.3), and the interarrival jitter estimate (§6.4.1, §A.8).
/// Not thread-safe: the owning session updates it from its receive loop under its lock.
/// </summary>
public sealed class RtpReceptionStatistics
{
    // §A.1 constants: how far a jump may go before we treat it as a restart, and how many
    // in-order packets a new source must send before it counts.
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int MinSequential = 2;
    private const uint SequenceModulo = 1 << 16;

    private readonly int clockRate;
    private ushort maxSequence;
    private uint cycles;
    private uint baseSequence;
    private uint badSequence = SequenceModulo + 1;
    private int probation = MinSequential;
    private uint expectedPrior;
    private uint receivedPrior;
    private double jitter;
    private long lastTransit;
    private bool haveTransit;
    private bool started;

    /// <summary>Creates statistics for one SSRC.</summary>
    public RtpReceptionStatistics(uint ssrc, int clockRate)
    {
        if (clockRate <= 0) throw new ArgumentOutOfRangeException(nameof(clockRate));
        Ssrc = ssrc;
        this.clockRate = clockRate;
    }

    /// <summary>The remote source.</summary>
    public uint Ssrc { get; }

    /// <summary>Packets accepted (after probation), duplicates included, as §A.3 counts them.</summary>
    public uint Received { get; private set; }

    /// <summary>Payload octets received.</summary>
    public ulong OctetsReceived { get; private set; }

    /// <summary>Whether the source has passed probation.</summary>
    public bool IsValid => probation == 0;

    /// <summary>Highest sequence number with the wrap-around count in the high 16 bits.</summary>
    public uint ExtendedHighestSequence => cycles + maxSequence;

    /// <summary>Packets expected from the first to the highest sequence number (§A.3).</summary>
    public uint Expected => IsValid ? ExtendedHighestSequence - baseSequence + 1 : 0;

    /// <summary>Expected minus received; negative when duplicates arrived (§A.3).</summary>
    public long CumulativeLost => (long)Expected - Received;

    /// <summary>The interarrival jitter estimate in timestamp units.</summary>
    public double Jitter => jitter;

    /// <summary>The jitter estimate as time.</summary>
    public TimeSpan JitterTime => TimeSpan.FromSeconds(jitter / clockRate);

    /// <summary>Middle 32 bits of the NTP time in the last SR from this source (LSR).</summary>
    public uint LastSenderReport { get; private set; }

    /// <summary>Local time (TimeProvider timestamp) when that SR arrived.</summary>
    public long LastSenderReportArrival { get; private set; }

    /// <summary>
    /// Accounts for one packet. <paramref name="arrivalTicks"/> is the arrival time as a
    /// <see cref="TimeProvider"/> timestamp with the given frequency. Returns false when §A.1 says
    /// the packet should be discarded (still on probation, or a large jump not yet confirmed).
    /// </summary>
    public bool Update(ushort sequence, uint rtpTimestamp, int payloadLength, long arrivalTicks, long tickFrequency)
    {
        if (!UpdateSequence(sequence)) return false;
        Received++;
        OctetsReceived += (ulong)payloadLength;
        UpdateJitter(rtpTimestamp, arrivalTicks, tickFrequency);
        return true;
    }

    /// <summary>Records an SR from this source so our next report can carry LSR and DLSR (§6.4.1).</summary>
    public void OnSenderReport(ulong ntpTimestamp, long arrivalTicks)
    {
        LastSenderReport = NtpTimestamp.Middle32(ntpTimestamp);
        LastSenderReportArrival = arrivalTicks;
    }

    /// <summary>Builds a report block and starts a new loss interval (§A.3).</summary>
    public RtcpReportBlock CreateReportBlock(long nowTicks, long tickFrequency)
    {
        uint expected = Expected;
        uint expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        uint receivedInterval = Received - receivedPrior;
        receivedPrior = Received;
        long lostInterval = (long)expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);

        uint delay = 0;
        if (LastSenderReport != 0)
        {
            delay = NtpTimestamp.ToShortUnits(TimeSpan.FromSeconds((nowTicks - LastSenderReportArrival) / (double)tickFrequency));
        }
        int lost = (int)Math.Clamp(CumulativeLost, RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost);
        return new RtcpReportBlock(Ssrc, fraction, lost, ExtendedHighestSequence, (uint)jitter, LastSenderReport, delay);
    }

    private void Restart(ushort sequence)
    {
        baseSequence = sequence;
        maxSequence = sequence;
        badSequence = SequenceModulo + 1;
        cycles = 0;
        Received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    private bool UpdateSequence(ushort sequence)
    {
        ushort delta = (ushort)(sequence - maxSequence);

        if (!started)
        {
            // §A.1: a new source starts on probation, with the previous number taken as "seen".
            started = true;
            Restart(sequence);
            maxSequence = (ushort)(sequence - 1);
            probation = MinSequential;
            delta = 1;
        }

        if (probation > 0)
        {
            // A new source must deliver MinSequential packets in a row before we believe it.
            if (delta == 1)
            {
                probation--;
                maxSequence = sequence;
                if (probation == 0)
                {
                    // §A.1 would discard the probation packets; we deliver them, so we count them
                    // too, which keeps "expected" equal to what the sender actually sent.
                    Restart(sequence);
                    baseSequence = (ushort)(sequence - (MinSequential - 1));
                    Received = MinSequential - 1;
                    return true;
                }
            }
            else
            {
                probation = MinSequential - 1;
                maxSequence = sequence;
            }
            return false;
        }

        if (delta < MaxDropout)
        {
            // In order, possibly with a gap; a wrap of the 16-bit number adds a cycle.
            if (sequence < maxSequence) cycles += SequenceModulo;
            maxSequence = sequence;
        }
        else if (delta <= SequenceModulo - MaxMisorder)
        {
            // A big jump: accept it only if the next packet follows it (the sender restarted).
            if (sequence == badSequence)
            {
                Restart(sequence);
            }
            else
            {
                badSequence = (uint)((sequence + 1) & (SequenceModulo - 1));
                return false;
            }
        }
        // Otherwise a duplicate or reordered packet: counted, not moving the maximum (§A.1).
        return true;
    }

    private void UpdateJitter(uint rtpTimestamp, long arrivalTicks, long tickFrequency)
    {
        // §A.8: transit = arrival - timestamp, both in RTP clock units; J += (|D| - J) / 16.
        long arrival = (long)(arrivalTicks * (double)clockRate / tickFrequency);
        long transit = arrival - rtpTimestamp;
        if (haveTransit)
        {
            long d = Math.Abs(transit - lastTransit);
            // Timestamps wrap at 2^32; a wrapped difference is not real jitter.
            if (d < uint.MaxValue / 2) jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }
}
