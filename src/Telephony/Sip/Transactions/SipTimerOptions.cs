namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>
/// The base timers of RFC 3261 §17 (table 4). Every transaction timer derives from these, so tests
/// can shrink them and a slow network can stretch them.
/// </summary>
public sealed record SipTimerOptions
{
    /// <summary>RTT estimate; the first retransmission interval.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap on the retransmission interval of non-INVITE requests and INVITE responses.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a message may remain in the network.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D on unreliable transports: at least 32 s to absorb final response retransmissions.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>64·T1: timers B, F, H and J, and the 2xx retransmission limit of §13.3.1.4.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    public static SipTimerOptions Default { get; } = new();

    /// <summary>Timers scaled down by a factor, for tests against real peers.</summary>
    public static SipTimerOptions Fast(double divisor = 10) => new()
    {
        T1 = TimeSpan.FromMilliseconds(500 / divisor),
        T2 = TimeSpan.FromMilliseconds(4000 / divisor),
        T4 = TimeSpan.FromMilliseconds(5000 / divisor),
        TimerD = TimeSpan.FromMilliseconds(32000 / divisor),
    };
}
