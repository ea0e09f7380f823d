namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>
/// Counts events against a <see cref="SipLogRateLimit"/>: the first N in each interval may be
/// logged; the rest are counted, and at the end of the interval in which some were held back
/// <c>reportSuppressed</c> is called once with their number.
/// </summary>
internal sealed class SipLogThrottle : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly SipLogRateLimit limit;
    private readonly Action<long, TimeSpan> reportSuppressed;
    private readonly ITimer summaryTimer;
    private long windowStart;
    private int loggedInWindow;
    private long suppressed;
    private bool summaryDue;

    public SipLogThrottle(TimeProvider time, SipLogRateLimit limit, Action<long, TimeSpan> reportSuppressed)
    {
        limit.Validate();
        this.time = time;
        this.limit = limit;
        this.reportSuppressed = reportSuppressed;
        windowStart = time.GetTimestamp();
        summaryTimer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True when this event may be logged; false when it was only counted.</summary>
    public bool TryEnter()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(windowStart, now) >= limit.Interval)
            {
                windowStart = now;
                loggedInWindow = 0;
            }
            if (loggedInWindow < limit.Lines)
            {
                loggedInWindow++;
                return true;
            }
            suppressed++;
            if (!summaryDue)
            {
                // One timer per window with suppressions, so a flood that stops still gets its summary.
                summaryDue = true;
                var remaining = limit.Interval - time.GetElapsedTime(windowStart, now);
                summaryTimer.Change(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
            return false;
        }
    }

    private void Flush()
    {
        long count;
        lock (gate)
        {
            count = suppressed;
            suppressed = 0;
            summaryDue = false;
        }
        if (count > 0) reportSuppressed(count, limit.Interval);
    }

    public void Dispose() => summaryTimer.Dispose();
}
