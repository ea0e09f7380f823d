namespace ContactCenter.Telephony.Sip.Transport;

/// <summary>
/// At most <paramref name="Lines"/> log lines per <paramref name="Interval"/> about one kind of bad
/// traffic; the rest are counted and reported in one summary line, so a flood of junk cannot
/// flood the log (and the disk) too.
/// </summary>
public sealed record SipLogRateLimit(int Lines, TimeSpan Interval)
{
    /// <summary>Ten lines per ten seconds.</summary>
    public static SipLogRateLimit Default { get; } = new(10, TimeSpan.FromSeconds(10));

    /// <summary>Throws <see cref="ArgumentException"/> unless both values are positive.</summary>
    public void Validate()
    {
        if (Lines < 1) throw new ArgumentException($"{nameof(SipLogRateLimit)}.{nameof(Lines)} must be at least 1 (was {Lines}).", nameof(Lines));
        if (Interval <= TimeSpan.Zero) throw new ArgumentException($"{nameof(SipLogRateLimit)}.{nameof(Interval)} must be positive (was {Interval}).", nameof(Interval));
    }
}
