namespace ContactCenter.Telephony.Sip.Transactions;

/// <summary>One named timer of a transaction on a <see cref="TimeProvider"/>, restartable and stoppable.</summary>
internal sealed class TransactionTimer(TimeProvider timeProvider, Action onFire) : IDisposable
{
    private ITimer? timer;

    public TimeSpan Interval { get; private set; }

    public void Start(TimeSpan dueTime)
    {
        Stop();
        Interval = dueTime;
        timer = timeProvider.CreateTimer(_ => onFire(), null, dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        timer?.Dispose();
        timer = null;
    }

    public void Dispose() => Stop();
}
