using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.Transactions;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Telephony.Sip.UserAgents;

/// <summary>
/// The UAS core's 2xx retransmission (RFC 3261 §13.3.1.4): the INVITE transaction is gone after a
/// 2xx, so we resend it from T1 doubling to T2 until the ACK arrives, and give up after 64·T1.
/// </summary>
internal sealed class SuccessRetransmitter : IDisposable
{
    private readonly SipTransactionLayer layer;
    private readonly SipResponse response;
    private readonly SipRemote destination;
    private readonly Action onGiveUp;
    private readonly object gate = new();
    private ITimer? timer;
    private ITimer? giveUp;
    private TimeSpan interval;

    public SuccessRetransmitter(SipTransactionLayer layer, SipResponse response, SipRemote destination, Action onGiveUp)
    {
        this.layer = layer;
        this.response = response;
        this.destination = destination;
        this.onGiveUp = onGiveUp;
        CSeqNumber = response.CSeq.Number;
        interval = layer.Timers.T1;
        timer = layer.TimeProvider.CreateTimer(_ => Fire(), null, interval, Timeout.InfiniteTimeSpan);
        giveUp = layer.TimeProvider.CreateTimer(_ => GiveUp(), null, layer.Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The CSeq number an ACK must carry to stop us.</summary>
    public long CSeqNumber { get; }

    private void Fire()
    {
        lock (gate)
        {
            if (timer is null) return;
            _ = SendAsync();
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, layer.Timers.T2.Ticks));
            timer.Change(interval, Timeout.InfiniteTimeSpan);
        }
    }

    // 64·T1 without an ACK: the session is to be ended (§13.3.1.4).
    private void GiveUp()
    {
        lock (gate)
        {
            if (timer is null) return;
            Dispose();
        }
        onGiveUp();
    }

    private async Task SendAsync()
    {
        try
        {
            await layer.SendStatelessAsync(response, destination);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // A lost retransmission is just that; the next one or the deadline takes over.
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            giveUp?.Dispose();
            giveUp = null;
        }
    }
}
